// Starts a Whisper worker thread from its entry: the bundled JavaScript file directly, or the
// TypeScript source through tsx's require hook (how tests, benchmarks and the CLI from source run).
import { Worker } from 'node:worker_threads';
import type { WhisperWorkerEntry } from './whisper-worker-entry';
import type { WhisperWorkerInit } from './whisper-worker-protocol';

export type SpawnWhisperWorker = (init: WhisperWorkerInit) => Worker;

export function spawnWhisperWorker(entry: WhisperWorkerEntry): SpawnWhisperWorker {
  if (entry.kind === 'bundled') return (init) => new Worker(entry.path, { workerData: init });
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(entry.path)});`;
  return (init) => new Worker(bootstrap, { eval: true, workerData: init });
}
