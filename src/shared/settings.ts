// The one settings schema: defaults, bounds and presets. Every field has a default,
// so a partial or older settings file still parses.
import { z } from 'zod';
import { PRETRAINED_WAKE_WORDS } from './wake-words';

export const LANGUAGE_SETTINGS = ['auto', 'en', 'pt'] as const;
export const PRESET_NAMES = ['fast', 'balanced', 'quality'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const DEFAULT_SYSTEM_PROMPT =
  'You are Earshot, a helpful voice assistant running offline on this computer. ' +
  'Answer in the language the user speaks, briefly (one to three short sentences), in plain words ' +
  'that sound natural when read aloud: no lists, markdown, code or emoji.';

/** A model id names a folder under the models folder, so it is a plain slug (no slashes, no dot first). */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/i;
const modelId = (fallback: string) => z.string().regex(MODEL_ID_PATTERN, 'a model id: letters, digits, ".", "_" or "-"').default(fallback);

/**
 * What Ollama accepts as keep_alive: a Go duration ("30m", "1h30m", "-1m") or a number of seconds
 * ("3600"; "-1" keeps the model loaded, "0" unloads it at once). "60" as a string is not a Go
 * duration (Ollama answers 400 "missing unit"), so plain numbers are sent as numbers
 * (ollamaKeepAlive).
 */
export const KEEP_ALIVE_PATTERN = /^(-?\d+(\.\d+)?|-?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/;

/** A keep_alive of plain seconds (Ollama takes it as a number). */
const PLAIN_SECONDS = /^-?\d+(\.\d+)?$/;

/** The keep_alive value to send: a number of seconds for a plain number, else the duration. */
export function ollamaKeepAlive(setting: string): string | number {
  return PLAIN_SECONDS.test(setting) ? Number(setting) : setting;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * How long Ollama keeps a model (and so its cached prefix) loaded after a request, for a keep_alive
 * setting: a number of seconds or a Go duration; negative keeps it for ever. NaN when unreadable.
 */
export function keepAliveMs(setting: string): number {
  const text = setting.trim();
  if (PLAIN_SECONDS.test(text)) return Number(text) < 0 ? Number.POSITIVE_INFINITY : Number(text) * 1000;
  const negative = text.startsWith('-');
  const parts = [...text.replace(/^-/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.replace(/^-/, '')) return Number.NaN;
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] as string] ?? Number.NaN), 0);
  return negative ? Number.POSITIVE_INFINITY : ms;
}

const sttSchema = z.object({
  model: modelId('whisper-base'),
  /** Beam width for Whisper decoding; 1 is greedy. */
  beamSize: z.number().int().min(1).max(5).default(1),
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
  /** How long Ollama keeps the model loaded after a request: a duration or a number of seconds. */
  keepAlive: z.string().trim().regex(KEEP_ALIVE_PATTERN, 'an Ollama duration such as 30m or 1h, or a number of seconds (-1: always)').default('30m'),
  /** Time allowed for the first token, in ms. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  systemPrompt: z.string().min(1).max(4000).default(DEFAULT_SYSTEM_PROMPT),
  /**
   * Most tokens of earlier turns kept in the prompt. Whenever Ollama has lost the cached prefix (a
   * launch, a model reload) every one of them is prefilled again, at ~7.5 ms a token on a laptop CPU.
   */
  historyTokens: z.number().int().min(0).max(1800).default(512),
});

const ttsSchema = z.object({
  enabled: z.boolean().default(true),
  voiceEn: modelId('piper-en_US-amy-low'),
  voicePt: modelId('piper-pt_BR-faber-medium'),
  speed: z.number().min(0.5).max(2).default(1),
});

const cacheSchema = z.object({
  enabled: z.boolean().default(true),
  ttsTtlMinutes: z.number().int().min(1).max(10_080).default(60),
  responseTtlMinutes: z.number().int().min(1).max(10_080).default(120),
  semanticThreshold: z.number().min(0.5).max(1).default(0.85),
  /** How many answers the response cache keeps (the least recently used go first). */
  responseMaxEntries: z.number().int().min(50).max(20_000).default(2000),
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

export const CHUNK_PRESET_NAMES = ['fast', 'development', 'balanced', 'production'] as const;

const knowledgeSchema = z.object({
  /** Answer from the user's indexed documents during a turn. */
  enabled: z.boolean().default(true),
  /** Chunk size and overlap for newly indexed files (fast 300/30 … production 1000/200 characters). */
  chunkPreset: z.enum(CHUNK_PRESET_NAMES).default('balanced'),
  embeddingModel: z.string().regex(/^[a-z0-9][a-z0-9._:/-]{0,120}$/i, 'an Ollama model name such as nomic-embed-text').default('nomic-embed-text'),
  searchTtlSeconds: z.number().int().min(1).max(86_400).default(600),
  contextTtlSeconds: z.number().int().min(1).max(86_400).default(300),
  queryEmbeddingTtlSeconds: z.number().int().min(1).max(86_400).default(3600),
  /** Prompt room for document passages, in tokens, within num_ctx beside history and the reply. */
  contextTokens: z.number().int().min(100).max(1500).default(600),
  /** Files and folders the user added, watched for changes while the app runs. */
  sources: z.array(z.string()).default([]),
});

const listeningSchema = z.object({
  /** Microphone stays open; the wake word starts a turn. Off until the user turns it on. */
  handsFree: z.boolean().default(false),
  wakeWord: z.enum(PRETRAINED_WAKE_WORDS).default('hey_jarvis'),
  /** Score from which the wake word counts as said: lower hears more, and more by mistake. */
  wakeThreshold: z.number().min(0.1).max(0.95).default(0.6),
  /** After a reply, a question needs no wake word for this long (0: always say it). */
  followUpSeconds: z.number().int().min(0).max(30).default(6),
  /** A short chime when the wake word is heard. */
  wakeChime: z.boolean().default(true),
  /** A user-trained openWakeWord classifier (.onnx); when set it replaces wakeWord. */
  customClassifier: z.string().default(''),
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
  knowledge: knowledgeSchema.prefault({}),
  /** The microphone and speaker picked in Settings (deviceId); '' for the system default. */
  audio: z.object({ inputDeviceId: z.string().max(512).default(''), outputDeviceId: z.string().max(512).default('') }).prefault({}),
  listening: listeningSchema.prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

type PresetPatch = { stt: Partial<Settings['stt']>; llm: Partial<Settings['llm']>; cache?: Partial<Settings['cache']> };

/**
 * Presets trade accuracy for speed on a laptop CPU. Besides the models, beam and token cap they
 * carry what decides how often and how long a turn waits: a near-deterministic temperature in
 * fast (repeat questions then get the same answer, which the response cache can serve), the
 * first-token deadline, and the response cache's size, freshness and match threshold.
 */
export const PRESETS: Record<PresetName, PresetPatch> = {
  fast: {
    stt: { model: 'whisper-tiny', beamSize: 1 },
    llm: { maxTokens: 150, temperature: 0.1, timeoutMs: 15_000, historyTokens: 384 },
    cache: { responseTtlMinutes: 720, responseMaxEntries: 5000, semanticThreshold: 0.82 },
  },
  balanced: {
    stt: { model: 'whisper-base', beamSize: 1 },
    llm: { maxTokens: 300, temperature: 0.7, timeoutMs: 30_000, historyTokens: 512 },
    cache: { responseTtlMinutes: 120, responseMaxEntries: 2000, semanticThreshold: 0.85 },
  },
  quality: {
    stt: { model: 'whisper-small', beamSize: 5 },
    llm: { maxTokens: 600, temperature: 0.7, timeoutMs: 60_000, historyTokens: 1024 },
    cache: { responseTtlMinutes: 60, responseMaxEntries: 1000, semanticThreshold: 0.9 },
  },
};

export function applyPreset(settings: Settings, preset: PresetName): Settings {
  const patch = PRESETS[preset];
  return {
    ...settings,
    preset,
    stt: { ...settings.stt, ...patch.stt },
    llm: { ...settings.llm, ...patch.llm },
    cache: { ...settings.cache, ...patch.cache },
  };
}
