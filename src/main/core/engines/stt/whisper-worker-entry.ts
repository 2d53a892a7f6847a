// Where the Whisper worker's entry file is, decided from the file the engine itself was loaded
// from. Under tsx (tests, benchmarks, the CLI run from source) that file is TypeScript and the
// worker's source sits beside it. In a bundle (the electron-vite main build, the CLI's esbuild
// bundle) every module is inlined into one file, and the build emits the worker's entry as
// whisper-worker.js beside that bundle.
import { join } from 'node:path';

export type WhisperWorkerEntry = { kind: 'typescript'; path: string } | { kind: 'bundled'; path: string };

export const BUNDLED_WORKER_FILE = 'whisper-worker.js';

export function whisperWorkerEntry(moduleFile: string, moduleDir: string): WhisperWorkerEntry {
  if (/\.[cm]?ts$/.test(moduleFile)) return { kind: 'typescript', path: join(moduleDir, 'whisper-worker.ts') };
  return { kind: 'bundled', path: join(moduleDir, BUNDLED_WORKER_FILE) };
}
