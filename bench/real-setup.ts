// `npm run bench -- --real`: openRuntime with the real engines (Whisper, Silero VAD, Piper through
// sherpa-onnx) from EARSHOT_MODELS_DIR and a real Ollama at OLLAMA_HOST, in a temporary data folder
// (your settings copied in, your history untouched). The baseline drives a second EngineSet over the
// same models. Questions are spoken by the English voice and resampled to 16 kHz.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { resample } from '../src/main/core/audio/resample';
import { systemClock } from '../src/main/core/platform/clock';
import { EngineSet } from '../src/main/core/runtime/engine-set';
import { resolveOllamaHost } from '../src/main/core/engines/llm/ollama-host';
import { silentLogger } from '../src/main/core/platform/logger';
import { createModelManager } from '../src/main/core/models/model-manager';
import { createOllamaModels } from '../src/main/core/models/ollama-models';
import { resolvePaths } from '../src/main/core/platform/paths';
import { PromptSession } from '../src/main/core/prompt/prompt-session';
import { openRuntime } from '../src/main/core/runtime/runtime';
import { SettingsStore } from '../src/main/core/settings/settings-store';
import { OllamaEmbedder } from '../src/main/core/store/ollama-embedder';
import { openStores } from '../src/main/core/runtime/open-stores';
import type { Settings } from '../src/shared/settings';
import type { BenchSetup } from './bench-setup';
import { floorFromMarks } from './latency-floor';

/** The engines --real needs are not all there; the message says what to install. */
export class MissingEnginesError extends Error {}

async function missingEngines(settings: Settings, modelsDir: string, host: string): Promise<string[]> {
  const manager = createModelManager({ modelsDir });
  const missing: string[] = [];
  for (const id of [settings.stt.model, settings.tts.voiceEn]) {
    if (!(await manager.isInstalled(id).catch(() => false))) missing.push(`the model "${id}" in ${modelsDir} — run \`npm run models -- fetch ${id}\` (or set EARSHOT_MODELS_DIR)`);
  }
  try {
    const absent = await createOllamaModels({ host }).missing([settings.llm.model]);
    if (absent.length > 0) missing.push(`the chat model ${settings.llm.model} in Ollama at ${host} — run \`ollama pull ${settings.llm.model}\``);
  } catch {
    missing.push(`Ollama at ${host} — install it from https://ollama.com and start it with \`ollama serve\` (or set OLLAMA_HOST)`);
  }
  return missing;
}

/** Throws MissingEnginesError unless the models and Ollama --real needs are there. */
export async function requireRealEngines(env: NodeJS.ProcessEnv, settings: Settings, modelsDir: string): Promise<void> {
  const missing = await missingEngines(settings, modelsDir, resolveOllamaHost(settings.llm.host, env));
  if (missing.length > 0) throw new MissingEnginesError(`--real needs the real engines; missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
}

/** Your settings (copied into the benchmark's data folder) and your models folder. */
export function realSettings(env: NodeJS.ProcessEnv, dataDir: string): { settings: () => Settings; modelsDir: string } {
  const { modelsDir, dataDir: userDataDir } = resolvePaths({ env });
  if (existsSync(join(userDataDir, 'settings.json'))) copyFileSync(join(userDataDir, 'settings.json'), join(dataDir, 'settings.json'));
  const settingsStore = SettingsStore.inDataDir(dataDir);
  settingsStore.load();
  return { settings: () => settingsStore.get(), modelsDir };
}

export async function realSetup(env: NodeJS.ProcessEnv, dataDir: string, resourcesDir: string): Promise<BenchSetup> {
  const { settings, modelsDir } = realSettings(env, dataDir);
  const host = resolveOllamaHost(settings().llm.host, env);
  await requireRealEngines(env, settings(), modelsDir);

  const runtime = await openRuntime({ paths: { dataDir, modelsDir }, env, warmCaches: false, resourcesDir });
  const engines = new EngineSet({ modelsDir, settings, env, vadModelPath: require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx') });
  const baselineStores = openStores({
    dataDir: join(dataDir, 'baseline'),
    clock: systemClock,
    logger: silentLogger,
    settings,
    embedder: new OllamaEmbedder({ host, clock: systemClock, logger: silentLogger }),
    extract: async () => [],
  });
  const spoken = new Map<string, Float32Array>();
  const utterance = async (question: string): Promise<Float32Array> => {
    const known = spoken.get(question);
    if (known) return known;
    const voice = await engines.tts().synthesize(question, { language: 'en', speed: 1 });
    const audio = resample(voice.samples, voice.sampleRate, 16_000);
    spoken.set(question, audio);
    return audio;
  };
  return {
    mode: 'real',
    profile: {
      name: 'real',
      engines: `${settings().stt.model} (beam ${settings().stt.beamSize}), Silero VAD, ${settings().llm.model} on Ollama at ${host}, voice ${settings().tts.voiceEn}`,
      utterance: 'each question spoken by the English voice, resampled to 16 kHz, pushed in 100 ms chunks in real time',
      floor: 'from the turn marks: keyUp→sttDone + llmRequest→firstSentence + firstSentence→ttsFirstChunk',
      voice_to_voice: 'key-up → first audio chunk emitted by the core (no renderer: playback start is reported at once)',
    },
    assistant: runtime.assistant,
    baseline: { stt: engines.stt(), llm: engines.llm(), tts: engines.tts(), memory: baselineStores.memory, buildPrompt: new PromptSession(), settings },
    utterance,
    expect: () => undefined,
    push: { chunkSamples: 1600, intervalMs: 100 },
    fastPush: { chunkSamples: 1600, intervalMs: 5 },
    floor: (sample) => {
      const floor = floorFromMarks(sample.result.marks);
      if (!floor) throw new Error(`The turn "${sample.result.transcript}" is missing marks for its floor.`);
      return floor;
    },
    clearCaches: () => runtime.clearCache(),
    close: async () => {
      await runtime.close();
      baselineStores.close();
      await engines.dispose();
    },
  };
}
