// The one settings schema (DESIGN.md §6): defaults, bounds and presets. Every field has a default,
// so a partial or older settings file still parses.
import { z } from 'zod';

export const LANGUAGE_SETTINGS = ['auto', 'en', 'pt'] as const;
export const PRESET_NAMES = ['fast', 'balanced', 'quality'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const DEFAULT_SYSTEM_PROMPT =
  'You are Earshot, a helpful voice assistant running offline on this computer. ' +
  'Answer in the language the user speaks, briefly (one to three short sentences), in plain words ' +
  'that sound natural when read aloud: no lists, markdown, code or emoji.';

const sttSchema = z.object({
  model: z.string().min(1).default('whisper-base'),
  /** Beam width for Whisper decoding; 1 is greedy. */
  beamSize: z.number().int().min(1).max(5).default(3),
  /** Cap on decoded tokens per segment. */
  maxTokens: z.number().int().min(8).max(440).default(200),
  /** int8 weights when the model folder has them. */
  quantized: z.boolean().default(true),
});

const llmSchema = z.object({
  /** Ollama base URL; empty means OLLAMA_HOST, else http://127.0.0.1:11434. */
  host: z.string().default(''),
  model: z.string().min(1).default('llama3.2:3b'),
  /** num_predict: the cap on generated tokens. */
  maxTokens: z.number().int().min(16).max(1000).default(300),
  temperature: z.number().min(0).max(2).default(0.7),
  /** How long Ollama keeps the model loaded after a request (Ollama duration string). */
  keepAlive: z.string().min(1).default('30m'),
  /** Time allowed for the first token, in ms. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  systemPrompt: z.string().min(1).max(4000).default(DEFAULT_SYSTEM_PROMPT),
});

const ttsSchema = z.object({
  enabled: z.boolean().default(true),
  voiceEn: z.string().min(1).default('piper-en_US-amy-low'),
  voicePt: z.string().min(1).default('piper-pt_BR-faber-medium'),
  speed: z.number().min(0.5).max(2).default(1),
});

const cacheSchema = z.object({
  enabled: z.boolean().default(true),
  ttsTtlMinutes: z.number().int().min(1).max(10_080).default(60),
  responseTtlMinutes: z.number().int().min(1).max(10_080).default(120),
  semanticThreshold: z.number().min(0.5).max(1).default(0.85),
});

const memorySchema = z.object({
  enabled: z.boolean().default(true),
});

const modelsSchema = z.object({
  /** Base URL that replaces the origin of every model download (offline or corporate mirrors). */
  mirror: z.string().default(''),
  /** A JSON catalog file that adds or overrides model entries. */
  catalogFile: z.string().default(''),
});

const hotkeySchema = z.object({
  binding: z.string().min(1).default('CommandOrControl+Shift+Space'),
  mode: z.enum(['hold', 'toggle']).default('hold'),
  paused: z.boolean().default(false),
});

export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  language: z.enum(LANGUAGE_SETTINGS).default('auto'),
  preset: z.enum([...PRESET_NAMES, 'custom']).default('balanced'),
  stt: sttSchema.prefault({}),
  llm: llmSchema.prefault({}),
  tts: ttsSchema.prefault({}),
  cache: cacheSchema.prefault({}),
  memory: memorySchema.prefault({}),
  models: modelsSchema.prefault({}),
  hotkey: hotkeySchema.prefault({}),
  launchAtLogin: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

type PresetPatch = { stt: Partial<Settings['stt']>; llm: Partial<Settings['llm']> };

/** Presets trade accuracy for speed on a laptop CPU. */
export const PRESETS: Record<PresetName, PresetPatch> = {
  fast: { stt: { model: 'whisper-tiny', beamSize: 1 }, llm: { maxTokens: 150 } },
  balanced: { stt: { model: 'whisper-base', beamSize: 3 }, llm: { maxTokens: 300 } },
  quality: { stt: { model: 'whisper-small', beamSize: 5 }, llm: { maxTokens: 600 } },
};

export function applyPreset(settings: Settings, preset: PresetName): Settings {
  const patch = PRESETS[preset];
  return {
    ...settings,
    preset,
    stt: { ...settings.stt, ...patch.stt },
    llm: { ...settings.llm, ...patch.llm },
  };
}
