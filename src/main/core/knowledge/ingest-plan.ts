// What each scanned file needs: nothing when its size and time match what was indexed with the
// same chunk preset (an unchanged file is never read), a read-and-hash otherwise. Pure.
import type { ScannedFile } from './folder-scan';
import type { IndexedFile } from './knowledge-index';

export type FileAction = 'unchanged' | 'check';

export function planFile(scanned: ScannedFile, indexed: IndexedFile | undefined, chunkPreset: string, force = false): FileAction {
  if (force || !indexed) return 'check';
  if (indexed.chunkPreset !== chunkPreset) return 'check';
  return indexed.size === scanned.size && indexed.mtimeMs === scanned.mtimeMs ? 'unchanged' : 'check';
}

/** Time left from the pace so far; null until there is a pace to go by. */
export function estimateRemainingMs(elapsedMs: number, done: number, total: number): number | null {
  if (done <= 0 || total <= done) return done >= total ? 0 : null;
  return Math.round((elapsedMs / done) * (total - done));
}
