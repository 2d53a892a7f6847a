// The Ingester the app uses: each add runs on the ingest worker thread, with its progress relayed
// here and the run's pause, resume and cancel passed on. The worker starts with the first add and
// stays; if it dies, the runs it held fail (the panel says so) and the next add starts a new one.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { IngestCancelled, IngestControl } from './ingest-control';
import type { IngestWorkerInit, IngestWorkerReply, IngestWorkerRequest } from './ingest-worker-protocol';
import type { AddOptions, Ingester, IngestProgress, IngestResult } from './knowledge-ingest';

export type SpawnIngestWorker = (init: IngestWorkerInit) => Worker;

export const BUNDLED_INGEST_WORKER_FILE = 'ingest-worker.js';

/** Under tsx the worker's TypeScript source sits beside this module; in a bundle its built entry does. */
export function spawnIngestWorker(moduleFile: string = __filename, moduleDir: string = __dirname): SpawnIngestWorker {
  if (!/\.[cm]?ts$/.test(moduleFile)) return (init) => new Worker(join(moduleDir, BUNDLED_INGEST_WORKER_FILE), { workerData: init });
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(join(moduleDir, 'ingest-worker.ts'))});`;
  return (init) => new Worker(bootstrap, { eval: true, workerData: init });
}

interface Run {
  onProgress: (p: IngestProgress) => void;
  settle: (result: IngestResult) => void;
  fail: (error: Error) => void;
}

export interface WorkerIngestOptions {
  init: IngestWorkerInit;
  /** Read at every add: the host may change in Settings. */
  ollamaHost: () => string;
  spawn?: SpawnIngestWorker;
}

export class WorkerIngest implements Ingester {
  readonly #options: WorkerIngestOptions;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #runs = new Map<number, Run>();

  constructor(options: WorkerIngestOptions) {
    this.#options = options;
  }

  add(paths: readonly string[], options: AddOptions = {}): Promise<IngestResult> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    const control = options.control ?? new IngestControl();
    const post = (message: IngestWorkerRequest): void => worker.postMessage(message);
    worker.ref();
    return new Promise<IngestResult>((settle, fail) => {
      this.#runs.set(id, { onProgress: options.onProgress ?? (() => {}), settle, fail });
      post({ type: 'add', id, paths: [...paths], force: options.force ?? false, ollamaHost: this.#options.ollamaHost() });
      if (control.paused) post({ type: 'control', id, action: 'pause' });
      if (control.signal.aborted) post({ type: 'control', id, action: 'cancel' });
      const unsubscribe = control.onChange((action) => post({ type: 'control', id, action }));
      const run = this.#runs.get(id)!;
      const done = (): void => {
        unsubscribe();
        this.#runs.delete(id);
        if (this.#runs.size === 0) worker.unref();
      };
      run.settle = (result) => (done(), settle(result));
      run.fail = (error) => (done(), fail(error));
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #start(): Worker {
    const worker = (this.#options.spawn ?? spawnIngestWorker())(this.#options.init);
    const failAll = (error: Error): void => {
      if (this.#worker === worker) this.#worker = null;
      for (const run of [...this.#runs.values()]) run.fail(error);
    };
    worker.on('message', (reply: IngestWorkerReply) => {
      const run = this.#runs.get(reply.id);
      if (!run) return;
      if (reply.type === 'progress') run.onProgress(reply.progress);
      else if (reply.type === 'added') run.settle(reply.result);
      else run.fail(reply.cancelled ? new IngestCancelled() : new Error(reply.message));
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the indexing worker stopped (exit code ${code})`)));
    worker.unref();
    return worker;
  }
}
