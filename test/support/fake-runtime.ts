// A Runtime for host tests: the real Assistant over scripted engines (assistant-harness), a real
// SettingsStore in a temporary folder, and in-memory history, caches, memories, metrics and models.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../../src/main/core/settings/settings-store';
import type { Runtime } from '../../src/main/core/runtime/runtime-types';
import { EarshotError } from '../../src/shared/errors';
import type { CacheKind, CacheStats, HistoryEntry, MemoryItem, ModelProgress, ModelState, SetupStatus, StageSummary, TurnMetricsRow } from '../../src/shared/records';
import { CACHE_KINDS } from '../../src/shared/records';
import { createHarness, type HarnessOptions } from './assistant-harness';
import { EnergyVad, sleep } from './scripted-engines';
import { HandsFreeSession } from '../../src/main/core/turn/hands-free-session';
import { MarkerWakeListener } from './marker-wake-listener';

export interface FakeRuntimeOptions extends HarnessOptions {
  /** Start-up notice, as openRuntime reports a reset settings file. */
  notice?: string | null;
  /** Milliseconds between download progress steps (default 5). */
  progressStepMs?: number;
  /** Ollama reachable in setup.status (default true). */
  ollamaReachable?: boolean;
}

export type FakeRuntime = Runtime & {
  harness: ReturnType<typeof createHarness>;
  memoryItems: MemoryItem[];
  modelStates: ModelState[];
  pulled: string[];
  clearedCaches: Array<CacheKind | 'all'>;
  emitNotice(level: 'info' | 'warning' | 'error', message: string): void;
};

const STT_ID = 'whisper-base';

function progressSteps(source: 'catalog' | 'ollama', model: string, total: number): ModelProgress[] {
  const step = (phase: ModelProgress['phase'], received: number): ModelProgress => ({
    source,
    model,
    phase,
    detail: `${phase} ${model}`,
    receivedBytes: received,
    totalBytes: total,
    fraction: received / total,
    bytesPerSecond: 1000,
    etaSeconds: (total - received) / 1000,
  });
  return [step('connecting', 0), step('downloading', total / 2), step('downloading', total), step('verifying', total), step('done', total)];
}

export function createFakeRuntime(options: FakeRuntimeOptions = {}): FakeRuntime {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-fake-runtime-'));
  const settings = new SettingsStore(join(dataDir, 'settings.json'));
  const harness = createHarness({ ...options, settings: { ...settings.get(), ...options.settings } });
  settings.onChange((next) => harness.setSettings(next));
  const noticeListeners = new Set<(notice: { level: 'info' | 'warning' | 'error'; message: string }) => void>();
  const memoryItems: MemoryItem[] = [
    { id: 1, text: 'The user is called Ana.', kind: 'profile', createdAt: 1, updatedAt: 1 },
    { id: 2, text: 'The user likes tea.', kind: 'fact', createdAt: 2, updatedAt: 2 },
  ];
  const modelStates: ModelState[] = [
    { id: STT_ID, kind: 'stt', languages: ['en', 'pt'], sizeBytes: 150, installed: false, description: 'Whisper base' },
    { id: 'piper-en_US-amy-low', kind: 'tts', languages: ['en'], sizeBytes: 60, installed: true, description: 'Amy (English)' },
  ];
  const pulled: string[] = [];
  const clearedCaches: Array<CacheKind | 'all'> = [];
  const stepMs = options.progressStepMs ?? 5;

  const transfer = async (source: 'catalog' | 'ollama', model: string, size: number, onProgress: (p: ModelProgress) => void, signal?: AbortSignal) => {
    for (const step of progressSteps(source, model, size)) {
      await sleep(stepMs, signal).catch(() => {
        throw new EarshotError('cancelled', `The download of ${model} was cancelled.`);
      });
      onProgress(step);
    }
  };

  const history = (): HistoryEntry[] => harness.history.turns.map((t) => ({ ...t }));
  const metrics = (): TurnMetricsRow[] =>
    harness
      .of('done')
      .map((e) => ({ turnId: e.turnId, at: 0, kind: 'text' as const, cache: e.result.cache.response, complete: e.result.complete, marks: e.result.marks }))
      .reverse();

  const handsFree = new HandsFreeSession({
    assistant: harness.assistant,
    vad: () => new EnergyVad(),
    openWake: async () => new MarkerWakeListener(),
    listening: () => settings.get().listening,
  });

  return {
    harness,
    handsFree,
    memoryItems,
    modelStates,
    pulled,
    clearedCaches,
    paths: { dataDir, modelsDir: join(dataDir, 'models') },
    assistant: harness.assistant,
    settings,
    notice: options.notice ?? null,
    notices: options.notice ? [options.notice] : [],
    startupProblems: options.notice ? [{ code: 'settings_invalid', message: options.notice }] : [],
    history: (limit) => history().slice(-limit),
    chatModels: async () => [],
    conversations: () => {
      throw new EarshotError('storage_failed', 'Conversations are not part of the fake runtime.');
    },
    cacheStats: (): CacheStats[] => CACHE_KINDS.map((kind) => ({ kind, hits: 0, misses: 0, hitRate: 0, entries: clearedCaches.includes(kind) || clearedCaches.includes('all') ? 0 : 3, bytes: 0, evictions: 0 })),
    clearCache: (kind) => void clearedCaches.push(kind ?? 'all'),
    memories: () => memoryItems.map((m) => ({ ...m })),
    updateMemory(id, text) {
      const item = memoryItems.find((m) => m.id === id);
      if (!item) throw new EarshotError('invalid_input', `There is no memory ${id} — reload the memory list.`);
      item.text = text;
      item.updatedAt += 1;
      return { ...item };
    },
    deleteMemory(id) {
      const at = memoryItems.findIndex((m) => m.id === id);
      if (at < 0) throw new EarshotError('invalid_input', `There is no memory ${id} — reload the memory list.`);
      memoryItems.splice(at, 1);
    },
    recentMetrics: (limit) => metrics().slice(0, limit),
    stageSummary: (): StageSummary[] => [{ stage: 'voiceToVoice', count: metrics().length, p50: 800, p95: 1200, p99: 1500 }],
    models: async () => modelStates.map((m) => ({ ...m })),
    setupStatus: async (): Promise<SetupStatus> => {
      const current = settings.get();
      const reachable = options.ollamaReachable ?? true;
      return {
        ollama: {
          host: 'http://127.0.0.1:11434',
          reachable,
          version: reachable ? '0.12.0' : null,
          error: reachable ? null : { code: 'llm_unreachable', message: 'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`.' },
          loopback: true,
        },
        chatModel: { name: current.llm.model, installed: pulled.includes(current.llm.model) },
        stt: { id: STT_ID, installed: modelStates.find((m) => m.id === STT_ID)?.installed ?? false },
        voices: { en: { id: current.tts.voiceEn, installed: true }, pt: { id: current.tts.voicePt, installed: false } },
      };
    },
    async fetchModel(id, onProgress, signal) {
      const model = modelStates.find((m) => m.id === id);
      if (!model) throw new EarshotError('invalid_input', `There is no model called ${id} in the catalog — see the models list.`);
      await transfer('catalog', id, model.sizeBytes, onProgress, signal);
      model.installed = true;
    },
    async pullOllamaModel(name, onProgress, signal) {
      if (!(options.ollamaReachable ?? true)) throw new EarshotError('llm_unreachable', 'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`.');
      await transfer('ollama', name, 1000, onProgress, signal);
      pulled.push(name);
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    emitNotice(level, message) {
      for (const listener of noticeListeners) listener({ level, message });
    },
    async close() {
      await harness.assistant.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
