// Everything the Assistant needs from storage, opened from one data folder. A database that cannot
// be opened turns its stores off (null) with a notice for the user; a turn still works without them.
import type { Database } from 'better-sqlite3';
import { EarshotError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { SqliteExtractionBacklog } from '../memory/extraction-backlog';
import type { FactExtractor } from '../memory/extraction-queue';
import { LocalMemoryService } from '../memory/memory-service';
import { SqliteMemoryStore } from '../memory/memory-store';
import { SqliteRetrievalCache } from '../memory/retrieval-cache';
import { CACHE_KINDS, type CacheKind, type CacheStats } from '../store/cache-stats';
import { openCacheDatabase, openEarshotDatabase } from '../store/databases';
import { type Embedder, MemoizingEmbedder } from '../store/embedder';
import { SqliteHistoryStore } from '../store/history-store';
import { SqliteConversationStore } from '../store/conversation-store';
import { SqliteMetricsStore } from '../store/metrics-store';
import { SqliteResponseCache } from '../store/response-cache';
import { toStorageError } from '../store/storage-errors';
import { SqliteTtsCache } from '../store/tts-cache';

export interface OpenStoresOptions {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** Read on every use, so settings changes apply without restart. */
  settings: () => Settings;
  /** e.g. new OllamaEmbedder({ host, clock, logger }); memoized here and shared by cache and memory. */
  embedder: Embedder;
  extract: FactExtractor;
  /** Quiet time before queued turns are extracted (default 60 s). */
  memoryIdleMs?: number;
}

export interface Stores {
  ttsCache: SqliteTtsCache | null;
  responseCache: SqliteResponseCache | null;
  retrievalCache: SqliteRetrievalCache | null;
  history: SqliteHistoryStore | null;
  conversations: SqliteConversationStore | null;
  metrics: SqliteMetricsStore | null;
  memory: LocalMemoryService | null;
  /** The shared, memoizing embedder. */
  embedder: Embedder;
  /** Things the user should see (a damaged database kept aside, a store turned off). */
  notices: EarshotError[];
  cacheStats(): CacheStats[];
  clearCache(kind?: CacheKind): void;
  /**
   * Flushes counters and queued writes, then closes both databases. Turns still queued for memory
   * extraction stay in earshot.db and are extracted after the next launch.
   */
  close(): void;
}

export function openStores(options: OpenStoresOptions): Stores {
  const { dataDir, clock, logger, settings } = options;
  const notices: EarshotError[] = [];
  const embedder = new MemoizingEmbedder(options.embedder);

  let cacheDb: Database | null = null;
  try {
    cacheDb = openCacheDatabase(dataDir, { clock, logger }).db;
  } catch (error) {
    const cause = toStorageError(error, 'the speech and answer cache', dataDir);
    notices.push(new EarshotError(cause.code, `${cause.message} Earshot works without its cache meanwhile, a little slower.`, { cause, params: { variant: 'cacheOff' } }));
  }
  let earshotDb: Database | null = null;
  try {
    const opened = openEarshotDatabase(dataDir, { clock, logger });
    earshotDb = opened.db;
    if (opened.notice) notices.push(opened.notice);
  } catch (error) {
    const cause = toStorageError(error, 'your conversation history and memories', dataDir);
    notices.push(new EarshotError(cause.code, `${cause.message} Until then, conversations and memories are not saved.`, { cause, params: { variant: 'historyOff' } }));
  }

  const minutes = (m: number): number => m * 60_000;
  const ttsCache = cacheDb
    ? new SqliteTtsCache(cacheDb, { clock, logger, bounds: () => ({ ttlMs: minutes(settings().cache.ttsTtlMinutes) }) })
    : null;
  const responseCache = cacheDb
    ? new SqliteResponseCache(cacheDb, {
        clock,
        logger,
        embedder,
        limits: () => ({ ttlMs: minutes(settings().cache.responseTtlMinutes), semanticThreshold: settings().cache.semanticThreshold, maxEntries: settings().cache.responseMaxEntries }),
      })
    : null;
  const retrievalCache = cacheDb ? new SqliteRetrievalCache(cacheDb, { clock, logger }) : null;
  const conversations = earshotDb ? new SqliteConversationStore(earshotDb, { clock }) : null;
  const history = earshotDb ? new SqliteHistoryStore(earshotDb, conversations) : null;
  const metrics = earshotDb ? new SqliteMetricsStore(earshotDb, clock) : null;
  const memory =
    earshotDb && history
      ? new LocalMemoryService({
          store: new SqliteMemoryStore(earshotDb, clock),
          history,
          embedder,
          retrievalCache,
          extract: options.extract,
          backlog: new SqliteExtractionBacklog(earshotDb, clock),
          idleMs: options.memoryIdleMs,
          clock,
          logger,
          enabled: () => settings().memory.enabled,
        })
      : null;

  const caches = { tts: ttsCache, response: responseCache, retrieval: retrievalCache };
  return {
    ttsCache,
    responseCache,
    retrievalCache,
    history,
    conversations,
    metrics,
    memory,
    embedder,
    notices,
    cacheStats: () => CACHE_KINDS.flatMap((kind) => caches[kind]?.stats() ?? []),
    clearCache: (kind) => (kind ? [kind] : CACHE_KINDS).forEach((k) => caches[k]?.clear()),
    close: () => {
      memory?.dispose();
      for (const cache of Object.values(caches)) cache?.flush();
      cacheDb?.close();
      earshotDb?.close();
    },
  };
}
