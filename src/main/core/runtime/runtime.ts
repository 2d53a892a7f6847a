// The composition root: settings, stores, engines and the Assistant, wired once for a front door
// (Electron, the browser host or the CLI). Everything heavy stays lazy: opening a runtime loads no
// model; the first key-down does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EarshotError } from '../../../shared/errors';
import type { ModelState, SetupStatus, TurnMetricsRow } from '../../../shared/records';
import type { Settings } from '../../../shared/settings';
import type { CacheOutcome, Language } from '../../../shared/turn';
import { Assistant } from '../turn/assistant';
import { systemClock } from '../platform/clock';
import { EngineSet } from './engine-set';
import { isLoopbackHost } from '../engines/llm/ollama-host';
import { summarizeStages } from '../../../shared/latency-stages';
import { type Logger, silentLogger } from '../platform/logger';
import { llmFactExtractor } from '../memory/fact-extractor';
import { buildCatalog, loadCustomCatalog } from '../models/catalog';
import { engineLoadChecks } from '../models/engine-load-checks';
import { createModelManager, type ModelManager } from '../models/model-manager';
import { createOllamaModels, sameOllamaModel } from '../models/ollama-models';
import { PromptSession } from '../prompt/prompt-session';
import { measuresPipeline } from '../store/metrics-store';
import type { Runtime, RuntimeOptions } from './runtime-types';
import { SettingsStore } from '../settings/settings-store';
import { OllamaEmbedder } from '../store/ollama-embedder';
import { reportingEviction } from './background-extraction';
import { openStores } from './open-stores';
import { warmAtLaunch } from './launch-warmup';
import { warmTtsCache } from '../speech/tts-warmup';
import { startKnowledge } from '../knowledge/knowledge-runtime';
import { KnowledgeLibrary } from '../knowledge/knowledge-library';
import { loadWarmupPhrases, spokenErrorMessage, type WarmupPhrases } from '../speech/warmup-phrases';
import { HandsFreeSession } from '../turn/hands-free-session';
import { tsxWakeWorker } from '../engines/wake/tsx-wake-worker';
import { wakeListenerOpener } from './wake-listener-opener';

export interface OpenRuntimeOptions extends RuntimeOptions {
  /** resources/ (phrases, icons): next to src/ in a checkout, under resourcesPath when packaged. */
  resourcesDir: string;
  /** The Silero VAD model; defaults to the copy inside @ricky0123/vad-web. */
  vadModelPath?: string;
  logger?: Logger;
}

type Notice = { level: 'info' | 'warning' | 'error'; message: string };

function withOverrides(settings: Settings, overrides: RuntimeOptions['overrides']): Settings {
  if (!overrides) return settings;
  return {
    ...settings,
    llm: {
      ...settings.llm,
      host: overrides.llmHost ?? settings.llm.host,
      model: overrides.llmModel ?? settings.llm.model,
      timeoutMs: overrides.llmTimeoutMs ?? settings.llm.timeoutMs,
    },
  };
}

function loadPhrases(dir: string, logger: Logger): Partial<Record<Language, WarmupPhrases>> {
  const phrases: Partial<Record<Language, WarmupPhrases>> = {};
  for (const language of ['en', 'pt'] as const) {
    try {
      phrases[language] = loadWarmupPhrases(dir, language);
    } catch (error) {
      logger.warn('warm-up phrases unavailable', { language, error: String(error) });
    }
  }
  return phrases;
}

export async function openRuntime(options: OpenRuntimeOptions): Promise<Runtime> {
  const { paths, env } = options;
  const logger = options.logger ?? silentLogger;
  const clock = systemClock;
  const settingsStore = SettingsStore.inDataDir(paths.dataDir);
  const loaded = settingsStore.load();
  const settings = (): Settings => withOverrides(settingsStore.get(), options.overrides);
  const noticeListeners = new Set<(notice: Notice) => void>();
  const notify = (level: Notice['level'], message: string) => {
    for (const listener of noticeListeners) listener({ level, message });
  };

  const engines = new EngineSet({
    modelsDir: paths.modelsDir,
    settings,
    env,
    vadModelPath: options.vadModelPath ?? require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'),
    logger,
  });
  const extractFacts = llmFactExtractor(() => engines.llm(), settings);
  const stores = openStores({
    dataDir: paths.dataDir,
    clock,
    logger,
    settings,
    embedder: new OllamaEmbedder({ host: () => engines.llmHost(), clock, logger }),
    extract: reportingEviction(extractFacts, () => assistant.chatModelUsedInBackground()),
  });
  const phrases = loadPhrases(`${options.resourcesDir}/phrases`, logger);
  const knowledge = startKnowledge({ dataDir: paths.dataDir, settings, clock, logger, ollamaHost: () => engines.llmHost(), sharedQueryEmbedder: stores.embedder, warm: options.warmCaches, onDamaged: (message) => notify('error', message) });
  const library = knowledge ? new KnowledgeLibrary({ index: knowledge.service.index, ingest: knowledge.service.ingester, settings: settingsStore, logger, watcher: knowledge.watcher, quoted: knowledge.quoted }) : null;
  const assistant = new Assistant({
    engines,
    stores: { ...stores, documents: knowledge?.recall ?? null },
    settings,
    buildPrompt: new PromptSession(),
    clock,
    logger,
    notify,
    historyTurns: 200,
    spokenError: (code, language) => {
      const file = phrases[language];
      return file ? spokenErrorMessage(file, code) : null;
    },
  });

  if (knowledge) assistant.onEvent(knowledge.quoted.record);

  const handsFree = new HandsFreeSession({
    assistant,
    vad: () => engines.vad(),
    openWake: wakeListenerOpener(options.spawnWakeWorker ?? tsxWakeWorker()),
    listening: () => settings().listening,
    logger,
  });
  const stopHandsFree = settingsStore.onChange((next) => {
    if (!next.listening.handsFree && handsFree.current !== 'paused') void handsFree.pause();
  });

  const warmup = new AbortController();
  if (options.warmCaches && stores.ttsCache && settings().tts.enabled) {
    const cache = stores.ttsCache;
    setTimeout(() => {
      cache.prune();
      void warmTtsCache({
        tts: engines.tts(),
        cache,
        phrases,
        history: stores.history,
        languages: ['en', 'pt'],
        speed: settings().tts.speed,
        clock,
        logger,
        signal: warmup.signal,
        isBusy: () => assistant.activeTurnId !== null,
      }).then(
        (report) => logger.info('TTS cache warmed', { ...report }),
        (error: unknown) => logger.warn('TTS cache warm-up failed', { error: String(error) }),
      );
    }, 0);
  }

  if (options.warmCaches) {
    setTimeout(() => {
      assistant.warmAtLaunch();
      void warmAtLaunch({ settings, stt: () => engines.stt(), tts: () => engines.tts(), responseCache: stores.responseCache, history: stores.history, logger, signal: warmup.signal });
    }, 0);
  }

  let manager: ModelManager | null = null;
  const models = async (): Promise<ModelManager> => {
    if (manager) return manager;
    const file = settings().models.catalogFile;
    const catalog = file ? buildCatalog(undefined, await loadCustomCatalog(file)) : buildCatalog();
    manager = createModelManager({ modelsDir: paths.modelsDir, catalog, loadChecks: engineLoadChecks(), logger });
    return manager;
  };
  const ollama = () => createOllamaModels({ host: engines.llmHost() });
  const requireStore = <T>(store: T | null, what: string): T => {
    if (!store) throw new EarshotError('storage_failed', `${what} is not available — see the notice about Earshot's database.`, { params: { variant: 'historyOff' } });
    return store;
  };

  const startupNotices = [loaded.notice, ...stores.notices.map((n) => n.message)].filter((n): n is string => n !== null);
  const startupProblems = [...(loaded.problem ? [loaded.problem] : []), ...stores.notices.map((n) => n.toInfo())];

  return {
    paths,
    assistant,
    settings: settingsStore,
    notice: startupNotices.length > 0 ? startupNotices.join(' ') : null,
    notices: startupNotices,
    startupProblems,
    history: (limit) => stores.history?.recent(limit) ?? [],
    conversations: () => requireStore(stores.conversations, 'Conversation history'),
    chatModels: async () =>
      (await ollama().list())
        .filter((m) => !/embed|bert|minilm/i.test(`${m.name} ${m.family ?? ''}`))
        .map((m) => ({ name: m.name, sizeBytes: m.sizeBytes, parameterSize: m.parameterSize })),
    cacheStats: () => stores.cacheStats(),
    clearCache: (kind) => stores.clearCache(kind),
    memories: () => requireStore(stores.memory, 'Memory').list().map(({ id, text, kind, createdAt, updatedAt }) => ({ id, text, kind, createdAt, updatedAt })),
    updateMemory: (id, text) => {
      const memory = requireStore(stores.memory, 'Memory');
      memory.edit(id, text);
      const item = memory.list().find((m) => m.id === id);
      if (!item) throw new EarshotError('invalid_input', `There is no memory number ${id}.`, { params: { variant: 'noMemory', id } });
      return { id: item.id, text: item.text, kind: item.kind, createdAt: item.createdAt, updatedAt: item.updatedAt };
    },
    deleteMemory: (id) => {
      if (!requireStore(stores.memory, 'Memory').delete(id)) throw new EarshotError('invalid_input', `There is no memory number ${id}.`, { params: { variant: 'noMemory', id } });
    },
    recentMetrics: (limit) => (stores.metrics?.recent(limit) ?? []).reverse().map(toMetricsRow),
    stageSummary: () => summarizeStages((stores.metrics?.recent(500) ?? []).filter(measuresPipeline)),
    models: async () => (await (await models()).list()).map(toModelState),
    setupStatus: () => setupStatus(settings(), engines.llmHost(), ollama(), models),
    fetchModel: async (id, onProgress, signal) => {
      await (await models()).install(id, { mirror: settings().models.mirror || undefined, signal, onProgress });
    },
    pullOllamaModel: (name, onProgress, signal) => ollama().pull(name, { onProgress, signal }),
    onNotice: (listener) => {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    notify,
    handsFree,
    knowledge: library,
    close: async () => {
      warmup.abort();
      stopHandsFree();
      await handsFree.pause();
      await assistant.dispose();
      stores.close();
      await library?.close();
      knowledge?.close();
      await engines.dispose();
    },
  };
}

function toMetricsRow(r: { turnId: string; at: number; marks: TurnMetricsRow['marks']; meta: Record<string, unknown> }): TurnMetricsRow {
  return {
    turnId: r.turnId,
    at: r.at,
    kind: r.meta.kind === 'voice' ? 'voice' : 'text',
    cache: (['hit', 'miss', 'off'] as const).find((c) => c === r.meta.cache) ?? ('off' satisfies CacheOutcome),
    complete: r.meta.complete === true,
    marks: r.marks,
  };
}

function toModelState(m: { id: string; kind: ModelState['kind']; languages: string[]; sizeBytes: number; state: string; description: string; pinned: boolean }): ModelState {
  return { id: m.id, kind: m.kind, languages: m.languages, sizeBytes: m.sizeBytes, installed: m.state !== 'missing', description: m.description, unverified: !m.pinned };
}

async function setupStatus(
  settings: Settings,
  host: string,
  ollama: ReturnType<typeof createOllamaModels>,
  models: () => Promise<ModelManager>,
): Promise<SetupStatus> {
  const manager = await models();
  // A folder put there by hand (no install record) still counts: the engine says clearly if it is broken.
  const installed = async (id: string) =>
    manager.state(id).then(
      (state) => state !== 'missing',
      () => existsSync(join(manager.modelsDir, id)),
    );
  let reachable = false;
  let chatInstalled = false;
  let error: SetupStatus['ollama']['error'] = null;
  try {
    const list = await ollama.list(AbortSignal.timeout(3000));
    reachable = true;
    chatInstalled = list.some((m) => sameOllamaModel(m.name, settings.llm.model));
  } catch (failure) {
    error = failure instanceof EarshotError ? failure.toInfo() : { code: 'llm_unreachable', message: `Ollama is not running at ${host} — start it with \`ollama serve\`` };
  }
  return {
    ollama: { host, reachable, version: null, error, loopback: isLoopbackHost(host) },
    chatModel: { name: settings.llm.model, installed: chatInstalled },
    stt: { id: settings.stt.model, installed: await installed(settings.stt.model) },
    voices: {
      en: { id: settings.tts.voiceEn, installed: await installed(settings.tts.voiceEn) },
      pt: { id: settings.tts.voicePt, installed: await installed(settings.tts.voicePt) },
    },
  };
}
