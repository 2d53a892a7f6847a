// Whether a model fits on the disk before we start: pure arithmetic over the catalog sizes.
import { formatBytes } from './byte-format';
import type { CatalogEntry } from './catalog-schema';
import { ModelError } from './model-errors';

/** An unpacked voice takes about this much more than its .tar.bz2, on top of the archive itself. */
const ARCHIVE_EXPANSION = 1.5;
const MARGIN = 1.1;

/** Bytes the install needs free at its peak: downloads, plus unpacked archives, plus a margin. */
export function bytesNeededFor(entry: Pick<CatalogEntry, 'files'>, alreadyDownloaded = 0): number {
  const download = entry.files.reduce((sum, f) => sum + f.sizeBytes, 0);
  const unpacked = entry.files.reduce((sum, f) => sum + (f.extract ? f.sizeBytes * ARCHIVE_EXPANSION : 0), 0);
  return Math.ceil(Math.max(0, download - alreadyDownloaded + unpacked) * MARGIN);
}

/** A disk_full ModelError when `freeBytes` is known and too small, else null. */
export function diskSpaceProblem(entryId: string, modelsDir: string, neededBytes: number, freeBytes: number | null): ModelError | null {
  if (freeBytes === null || freeBytes >= neededBytes) return null;
  return new ModelError(
    'disk_full',
    `${entryId} needs about ${formatBytes(neededBytes)} free in ${modelsDir}, but only ${formatBytes(freeBytes)} is free. ` +
      'Free some space or choose another --models-dir.',
    { params: { variant: 'space', id: entryId, needed: formatBytes(neededBytes), dir: modelsDir, free: formatBytes(freeBytes) } },
  );
}
