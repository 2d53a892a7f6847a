// Starts the wake-word worker from its TypeScript source through tsx: how the CLI, benchmarks and
// tests run it (a packaged app starts the bundled entry instead).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SpawnWakeWorker } from './wake-worker-client';

export function tsxWakeWorker(entry: string = join(__dirname, 'wake-worker.ts')): SpawnWakeWorker {
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(entry)});`;
  return (init) => new Worker(bootstrap, { eval: true, workerData: init });
}
