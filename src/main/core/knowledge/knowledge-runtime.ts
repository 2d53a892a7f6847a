// Document knowledge as the app and `ask` run it: the service on knowledge.db, the per-turn recall,
// and the cache warm-up with the most frequent questions in the background at launch. A
// knowledge.db that cannot be opened costs the documents, never the turn: null and a warning.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../platform/clock';
import type { Embedder } from '../store/embedder';
import type { Logger } from '../platform/logger';
import { markForCheck } from '../store/database-file';
import { isCorruptionError } from '../store/storage-errors';
import { KnowledgeRecall } from './knowledge-recall';
import { KNOWLEDGE_DB_FILE, KNOWLEDGE_PAGE_CHECK_BYTES } from './knowledge-schema';
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
  /** Told when the background check finds the index damaged: a message for the person. */
  onDamaged?: (message: string) => void;
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
  let hasChunks: boolean;
  try {
    hasChunks = service.index.chunkCount() > 0;
  } catch (error) {
    // An index too large to check at open shows its damage on first use instead.
    if (isCorruptionError(error)) reportDamage(options, String(error));
    else options.logger.warn('The document index could not be read; answers will not use your documents.', { error: String(error) });
    service.close();
    return null;
  }
  const warmup = new AbortController();
  if (options.warm && options.settings().knowledge.enabled && hasChunks) {
    setTimeout(() => {
      service.search.warmUp(20, warmup.signal).then(
        (count) => options.logger.info('document caches warmed', { questions: count }),
        (error: unknown) => options.logger.warn('document cache warm-up failed', { error: String(error) }),
      );
    }, 0);
  }
  if (options.warm && options.settings().knowledge.enabled) checkInBackground(service, options);
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

export const DAMAGED_INDEX_MESSAGE =
  "Earshot's document index is damaged, so some answers may leave out your documents. It will be rebuilt from your folders the next time Earshot starts.";

/**
 * An index too large to check at open (openKnowledgeDatabase) is checked here, on the search
 * worker, after the launch work. Damage marks the file, so the next start checks it in full and
 * starts it again; the watcher's catch-up pass then indexes the folders anew.
 */
function checkInBackground(service: KnowledgeService, options: KnowledgeRuntimeOptions): void {
  const path = join(options.dataDir, KNOWLEDGE_DB_FILE);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  if (size <= KNOWLEDGE_PAGE_CHECK_BYTES) return;
  setTimeout(() => {
    service.search.checkPages().then(
      (damage) => {
        if (damage !== null) reportDamage(options, damage);
      },
      (error: unknown) => options.logger.warn('the document index could not be checked', { error: String(error) }),
    );
  }, 0);
}

/** Logs the damage, marks the file for a full check at the next start, and tells the person. */
function reportDamage(options: KnowledgeRuntimeOptions, damage: string): void {
  options.logger.error('the document index is damaged', { damage });
  try {
    markForCheck(join(options.dataDir, KNOWLEDGE_DB_FILE));
  } catch (error) {
    options.logger.warn('could not mark the document index for a full check', { error: String(error) });
  }
  options.onDamaged?.(DAMAGED_INDEX_MESSAGE);
}
