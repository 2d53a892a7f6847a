// Starts the wake-word worker from the built app, where electron-vite emits its entry as
// wake-worker.js beside the main bundle.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SpawnWakeWorker } from './wake-worker-client';

export function bundledWakeWorker(mainDir: string): SpawnWakeWorker {
  return (init) => new Worker(join(mainDir, 'wake-worker.js'), { workerData: init });
}
