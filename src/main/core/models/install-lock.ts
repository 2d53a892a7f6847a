// One install of a model at a time, across processes (the app and the CLI may both try): a lock
// file created exclusively (its folder made first), holding the owner's pid. A lock whose process
// is gone is taken over.
import { dirname } from 'node:path';
import { z } from 'zod';
import { classifyFsError, errorCodeOf, ModelError } from './model-errors';
import type { ModelFs } from './model-fs';

const lockSchema = z.object({ pid: z.number().int() });

export interface LockDeps {
  fs: ModelFs;
  pid: number;
  /** Whether a process with this pid is running. */
  isProcessAlive: (pid: number) => boolean;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes the lock's folder and creates the lock file in it; false when the file exists. A fetch
 * finishing at this moment removes its emptied work folder (and .incoming) after releasing its
 * lock, so the folder may vanish between the two steps: then both are done again.
 */
async function createLockFile(fs: ModelFs, lockPath: string, body: string): Promise<boolean> {
  const dir = dirname(lockPath);
  for (let attempt = 1; ; attempt += 1) {
    let step = dir;
    try {
      await fs.mkdir(dir);
      step = lockPath;
      return await fs.createExclusive(lockPath, body);
    } catch (error) {
      if (errorCodeOf(error) !== 'ENOENT' || attempt === 5) throw classifyFsError(error, step);
    }
  }
}

/** Takes the lock or throws a `busy` ModelError; returns the function that releases it. */
export async function acquireInstallLock(lockPath: string, modelId: string, deps: LockDeps): Promise<() => Promise<void>> {
  const body = JSON.stringify({ pid: deps.pid });
  const release = async () => {
    await deps.fs.rm(lockPath).catch(() => {});
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const created = await createLockFile(deps.fs, lockPath, body);
    if (created) return release;
    let owner: number | null;
    try {
      owner = lockSchema.parse(JSON.parse(await deps.fs.readText(lockPath))).pid;
    } catch {
      owner = null;
    }
    if (owner !== null && (owner === deps.pid || deps.isProcessAlive(owner))) {
      throw new ModelError('busy', `${modelId} is already being fetched (by process ${owner}). Wait for it to finish.`);
    }
    await deps.fs.rm(lockPath);
  }
  throw new ModelError('busy', `Could not take the install lock for ${modelId} at ${lockPath}. Try again.`);
}
