// The CandidateRanker the app uses: requests go to search worker threads. A worker starts on its
// first request and stays. If it cannot start or dies, the keyword scan is answered in this thread
// instead (slower, never lost) and the vector scan is left out for that search; the next request
// starts a fresh worker.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../platform/logger';
import type { CandidateRanker, LocalRanker, RankAnswer, RankPart, RankRequest } from './candidate-ranker';
import type { SearchWorkerInit, SearchWorkerReply, SearchWorkerRequest } from './search-worker-protocol';

export type SpawnSearchWorker = (init: SearchWorkerInit) => Worker;

export const BUNDLED_SEARCH_WORKER_FILE = 'search-worker.js';

/** Under tsx the worker's TypeScript source sits beside this module; in a bundle its built entry does. */
export function spawnSearchWorker(moduleFile: string = __filename, moduleDir: string = __dirname): SpawnSearchWorker {
  if (!/\.[cm]?ts$/.test(moduleFile)) return (init) => new Worker(join(moduleDir, BUNDLED_SEARCH_WORKER_FILE), { workerData: init });
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(join(moduleDir, 'search-worker.ts'))});`;
  return (init) => new Worker(bootstrap, { eval: true, workerData: init });
}

interface Pending {
  settle: (reply: SearchWorkerReply) => void;
  fail: (error: Error) => void;
}

export interface WorkerRankerOptions {
  dbPath: string;
  /** Answers in this thread when a worker cannot. */
  fallback: LocalRanker;
  logger: Logger;
  spawn?: SpawnSearchWorker;
}

/** One search worker: started on its first request, kept, started afresh after it dies. */
class SearchLane {
  readonly #start: () => Worker;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(start: () => Worker) {
    this.#start = start;
  }

  request(make: (id: number) => SearchWorkerRequest): Promise<SearchWorkerReply> {
    const worker = (this.#worker ??= this.#listen(this.#start()));
    const id = this.#nextId++;
    // A question being answered keeps the process alive; an idle search worker must not.
    worker.ref();
    return new Promise<SearchWorkerReply>((settle, fail) => {
      this.#pending.set(id, { settle, fail });
      worker.postMessage(make(id));
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #listen(worker: Worker): Worker {
    const failAll = (error: Error): void => {
      if (this.#worker === worker) this.#worker = null;
      for (const p of this.#pending.values()) p.fail(error);
      this.#pending.clear();
    };
    worker.on('message', (reply: SearchWorkerReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      pending?.settle(reply);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the search worker stopped (exit code ${code})`)));
    return worker;
  }
}

/**
 * BM25 and the vector scan each on a worker of their own, so a hybrid search takes as long as the
 * slower of the two rather than both: at 100 k chunks ~20 ms of keyword scoring and ~5 ms of
 * vector scan. Only the vector worker holds the matrix.
 */
export class WorkerRanker implements CandidateRanker {
  readonly #options: WorkerRankerOptions;
  readonly #lanes: Record<RankPart, SearchLane>;
  /**
   * Long jobs in flight on the vector worker: reading the vectors (~9 s at 100 k chunks, a minute on
   * a busy laptop) or checking the index's pages (1–7 s at 100 k).
   */
  #vectorsBusy = 0;

  constructor(options: WorkerRankerOptions) {
    this.#options = options;
    const start = (): Worker => (options.spawn ?? spawnSearchWorker())({ dbPath: options.dbPath });
    this.#lanes = { keywords: new SearchLane(start), vectors: new SearchLane(start) };
  }

  async rank(request: RankRequest): Promise<RankAnswer> {
    const wantsVectors = request.vector !== null && request.model !== null;
    // A question asked while the vectors load is answered by keywords now rather than queued
    // behind the load, which would hold the spoken answer back for as long.
    const loading = wantsVectors && this.#vectorsBusy > 0;
    const [keywordIds, vectorIds] = await Promise.all([this.#keywordIds(request), wantsVectors && !loading ? this.#vectorIds(request) : null]);
    const unavailable = loading || vectorIds === undefined;
    return { keywordIds, vectorIds: vectorIds ?? null, ...(unavailable ? { vectorsUnavailable: true } : {}) };
  }

  /** BM25 on its worker; on this thread when the worker cannot answer (~20 ms at 100 k chunks). */
  async #keywordIds(request: RankRequest): Promise<number[]> {
    try {
      return (await this.#ask(request, 'keywords')) ?? [];
    } catch (error) {
      this.#options.logger.warn('the document search worker failed; searching by keywords on the main thread', { part: 'keywords', error: String(error) });
      return this.#options.fallback.keywordIds(request);
    }
  }

  /**
   * The vector scan on its worker; undefined when the worker cannot answer. It is not run on this
   * thread instead: its first scan there would read every vector, seconds of a frozen main thread.
   */
  async #vectorIds(request: RankRequest): Promise<number[] | null | undefined> {
    try {
      return await this.#ask(request, 'vectors');
    } catch (error) {
      this.#options.logger.warn('the document vector search worker failed; answering by keywords for now', { part: 'vectors', error: String(error) });
      return undefined;
    }
  }

  async #ask(request: RankRequest, part: RankPart): Promise<number[] | null> {
    const reply = await this.#lanes[part].request((id) => ({ type: 'rank', id, part, request }));
    if (reply.type === 'ranked') return reply.ids;
    throw new Error(reply.type === 'failed' ? reply.message : `unexpected reply ${reply.type}`);
  }

  /** Starts both workers, so the first question does not wait for a thread to boot. */
  async preload(model: string | null): Promise<void> {
    const load = async (part: RankPart): Promise<void> => {
      const vectors = part === 'vectors' && model !== null;
      if (vectors) this.#vectorsBusy += 1;
      try {
        await this.#lanes[part].request((id) => ({ type: 'preload', id, model: vectors ? model : null }));
      } catch (error) {
        this.#options.logger.warn('a document search worker could not start', { part, error: String(error) });
      } finally {
        if (vectors) this.#vectorsBusy -= 1;
      }
    };
    await Promise.all([load('keywords'), load('vectors')]);
  }

  /**
   * On the vector worker, after any load, so the keyword scans a turn needs never wait behind it;
   * meanwhile searches leave the vector scan out, as they do during a load.
   */
  async checkPages(): Promise<string | null> {
    this.#vectorsBusy += 1;
    try {
      const reply = await this.#lanes.vectors.request((id) => ({ type: 'check', id }));
      if (reply.type === 'checked') return reply.damage;
      throw new Error(reply.type === 'failed' ? reply.message : `unexpected reply ${reply.type}`);
    } finally {
      this.#vectorsBusy -= 1;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#lanes.keywords.close(), this.#lanes.vectors.close()]);
  }
}
