// Document knowledge as the app and `ask` run it: the service on knowledge.db, the per-turn recall,
// and the cache warm-up with the most frequent questions in the background at launch. A
// knowledge.db that cannot be opened costs the documents, never the turn: null and a warning.
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../platform/clock';
import type { Embedder } from '../store/embedder';
import type { Logger } from '../platform/logger';
import { KnowledgeRecall } from './knowledge-recall';
import { openKnowledge, type KnowledgeService } from './knowledge-service';
import { KnowledgeWatcher } from './knowledge-watcher';
import { QuotedSources } from './quoted-sources';

export interface KnowledgeRuntime {
  service: KnowledgeService;
  recall: KnowledgeRecall;
  /** The documents each reply quoted, kept for the chips after a reload. */
  quoted: QuotedSources;
  /** Keeps the index in step with the source folders; null for one-shot commands. */
  watcher: KnowledgeWatcher | null;
  close(): void;
}

export interface KnowledgeRuntimeOptions {
  dataDir: string;
  settings: () => Settings;
  clock: Clock;
  logger: Logger;
  ollamaHost: () => string;
  /** The turn's own transcript embedder, shared for questions when the models match (see openKnowledge). */
  sharedQueryEmbedder?: Embedder;
  /** Fill the caches with frequent questions and watch the source folders (the app; not one-shot commands). */
  warm?: boolean;
}

export function startKnowledge(options: KnowledgeRuntimeOptions): KnowledgeRuntime | null {
  let service: KnowledgeService;
  try {
    service = openKnowledge({ dataDir: options.dataDir, settings: options.settings().knowledge, clock: options.clock, logger: options.logger, ollamaHost: options.ollamaHost, sharedQueryEmbedder: options.sharedQueryEmbedder, searchWorker: options.warm ?? false, ingestWorker: options.warm ?? false });
  } catch (error) {
    options.logger.warn('The document index could not be opened; answers will not use your documents.', { error: String(error) });
    return null;
  }
  const recall = new KnowledgeRecall({
    index: service.index,
    search: service.search,
    enabled: () => options.settings().knowledge.enabled,
    budgetTokens: () => options.settings().knowledge.contextTokens,
  });
  const warmup = new AbortController();
  if (options.warm && options.settings().knowledge.enabled && service.index.chunkCount() > 0) {
    setTimeout(() => {
      service.search.warmUp(20, warmup.signal).then(
        (count) => options.logger.info('document caches warmed', { questions: count }),
        (error: unknown) => options.logger.warn('document cache warm-up failed', { error: String(error) }),
      );
    }, 0);
  }
  const watcher = options.warm ? new KnowledgeWatcher({ ingest: service.ingester, index: service.index, logger: options.logger }) : null;
  if (watcher && options.settings().knowledge.enabled) watcher.start(options.settings().knowledge.sources);
  return {
    service,
    recall,
    quoted: new QuotedSources(service.db, options.clock, options.logger),
    watcher,
    close: () => {
      warmup.abort();
      void watcher?.close();
      service.close();
    },
  };
}
