// The document knowledge of one data folder, wired: knowledge.db, the embedder (Ollama /api/embed,
// batched for ingest with a long timeout), ingest and search with the cache TTLs from settings.
import type { Database } from 'better-sqlite3';
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { Embedder } from '../store/embedder';
import { OllamaEmbedder } from '../store/ollama-embedder';
import { join } from 'node:path';
import { LocalRanker } from './candidate-ranker';
import { WorkerIngest, type SpawnIngestWorker } from './ingest-worker-client';
import { KnowledgeIngest, type Ingester } from './knowledge-ingest';
import { KnowledgeIndex } from './knowledge-index';
import { KNOWLEDGE_DB_FILE, openKnowledgeDatabase } from './knowledge-schema';
import { KnowledgeSearch } from './knowledge-search';
import { WorkerRanker, type SpawnSearchWorker } from './search-worker-client';

export interface KnowledgeService {
  db: Database;
  index: KnowledgeIndex;
  /** Indexing in this thread (one-shot commands, tests). */
  ingest: KnowledgeIngest;
  /** Indexing as the app runs it: on the ingest worker when asked for, else `ingest` itself. */
  ingester: Ingester;
  search: KnowledgeSearch;
  /** Whether embeddings are asked for at all (a host was given). */
  hasEmbedder: boolean;
  embeddingModel: string;
  /** The embedder's identity, under which vectors are stored. */
  embedderId: string;
  close(): void;
}

export interface KnowledgeServiceOptions {
  dataDir: string;
  settings: Settings['knowledge'];
  clock: Clock;
  logger: Logger;
  /** Ollama base URL; null: keyword search only. */
  ollamaHost: string | (() => string) | null;
  /**
   * Run the keyword and vector scans on a worker thread (the app, where a turn must not wait on
   * them); one-shot commands scan in this thread. A function says how to start the worker.
   */
  searchWorker?: boolean | SpawnSearchWorker;
  /** Index on a worker thread (the app: adding a big folder must not stall a turn). */
  ingestWorker?: boolean | SpawnIngestWorker;
  /** Test seam: replaces the Ollama embedders. */
  embedders?: { ingest: Embedder | null; query: Embedder | null };
  /**
   * The embedder the turn already uses for the transcript (memory, response cache). Questions are
   * embedded with it when it runs the same model, so Ollama computes a transcript's vector once,
   * not once for the documents as well.
   */
  sharedQueryEmbedder?: Embedder;
}

/** `shared` in place of `own` when both name the same model (their ids say which), else `own`. */
function sameModel(own: Embedder | null, shared: Embedder | undefined): Embedder | null {
  return own && shared?.id === own.id ? shared : own;
}

export function openKnowledge(options: KnowledgeServiceOptions): KnowledgeService {
  const { db } = openKnowledgeDatabase(options.dataDir, { clock: options.clock, logger: options.logger });
  const index = new KnowledgeIndex(db);
  const make = (timeoutMs: number): Embedder | null =>
    options.ollamaHost === null
      ? null
      : new OllamaEmbedder({ host: options.ollamaHost, model: options.settings.embeddingModel, clock: options.clock, logger: options.logger, timeoutMs });
  // Indexing embeds 100 chunks a request and may wait for the model to load; a question must not.
  const embedders = options.embedders ?? { ingest: make(120_000), query: sameModel(make(3000), options.sharedQueryEmbedder) };
  const ingest = new KnowledgeIngest({ index, clock: options.clock, embedder: embedders.ingest, chunkPreset: options.settings.chunkPreset });
  const ingester = options.ingestWorker
    ? new WorkerIngest({
        init: { dataDir: options.dataDir, chunkPreset: options.settings.chunkPreset, embeddingModel: options.settings.embeddingModel, embeddings: options.ollamaHost !== null },
        ollamaHost: () => (typeof options.ollamaHost === 'function' ? options.ollamaHost() : (options.ollamaHost ?? '')),
        spawn: typeof options.ingestWorker === 'function' ? options.ingestWorker : undefined,
      })
    : ingest;
  const local = new LocalRanker(index);
  const ranker = options.searchWorker
    ? new WorkerRanker({
        dbPath: join(options.dataDir, KNOWLEDGE_DB_FILE),
        fallback: local,
        logger: options.logger,
        spawn: typeof options.searchWorker === 'function' ? options.searchWorker : undefined,
      })
    : local;
  const search = new KnowledgeSearch({
    index,
    ranker,
    clock: options.clock,
    embedder: embedders.query,
    ttls: {
      searchMs: options.settings.searchTtlSeconds * 1000,
      contextMs: options.settings.contextTtlSeconds * 1000,
      queryEmbeddingMs: options.settings.queryEmbeddingTtlSeconds * 1000,
    },
  });
  return {
    db,
    index,
    ingest,
    ingester,
    search,
    hasEmbedder: embedders.query !== null,
    embeddingModel: options.settings.embeddingModel,
    embedderId: embedders.query?.id ?? embedders.ingest?.id ?? 'none',
    close: () => {
      search.flushStats();
      void search.close();
      if (ingester instanceof WorkerIngest) void ingester.close();
      db.close();
    },
  };
}
