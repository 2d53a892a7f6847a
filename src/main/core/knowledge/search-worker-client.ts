// The CandidateRanker the app uses: requests go to the search worker thread. The worker starts on
// the first request and stays. If it cannot start or dies, the request is answered in this thread
// instead (slower, never lost) and the next one starts a fresh worker.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../platform/logger';
import type { CandidateRanker, RankAnswer, RankRequest } from './candidate-ranker';
import type { LocalRanker } from './candidate-ranker';
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
  /** Answers in this thread when the worker cannot. */
  fallback: LocalRanker;
  logger: Logger;
  spawn?: SpawnSearchWorker;
}

export class WorkerRanker implements CandidateRanker {
  readonly #options: WorkerRankerOptions;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(options: WorkerRankerOptions) {
    this.#options = options;
  }

  async rank(request: RankRequest): Promise<RankAnswer> {
    try {
      const reply = await this.#request((id) => ({ type: 'rank', id, request }));
      if (reply.type === 'ranked') return reply.answer;
      throw new Error(reply.type === 'failed' ? reply.message : `unexpected reply ${reply.type}`);
    } catch (error) {
      this.#options.logger.warn('the document search worker failed; searching on the main thread', { error: String(error) });
      return this.#options.fallback.rankNow(request);
    }
  }

  async preload(model: string): Promise<void> {
    try {
      await this.#request((id) => ({ type: 'preload', id, model }));
    } catch (error) {
      this.#options.logger.warn('the document search worker could not load the vectors', { error: String(error) });
    }
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #start(): Worker {
    const worker = (this.#options.spawn ?? spawnSearchWorker())({ dbPath: this.#options.dbPath });
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

  #request(make: (id: number) => SearchWorkerRequest): Promise<SearchWorkerReply> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    // A question being answered keeps the process alive; an idle search worker must not.
    worker.ref();
    return new Promise<SearchWorkerReply>((settle, fail) => {
      this.#pending.set(id, { settle, fail });
      worker.postMessage(make(id));
    });
  }
}
