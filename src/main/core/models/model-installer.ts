// Installs one catalog entry: download every file (resumable, retried, verified), assemble the
// model folder under .incoming/<id>/staged/<id>, test-load it, write the manifest last, then swap it into
// <modelsDir>/<id>. An installed model is only moved aside at the swap, after the new one passed
// every check, and is put back if the swap fails (if even that fails, it stays in previous/ and the
// next fetch puts it back). On any failure nothing is installed: the work folder is removed, except
// completed and partial downloads after a network failure or a full disk, so the next fetch resumes.
// The lock is released only after the clean-up, so it never touches the files of a fetch after it.
import { dirname, join } from 'node:path';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { extractTarBz2 } from './archive-extract';
import type { CatalogEntry } from './catalog-schema';
import { bytesNeededFor, diskSpaceProblem } from './disk-space';
import { hashTree } from './file-hash';
import { discardDownload, partPathOf, type Fetch } from './http-download';
import { acquireInstallLock } from './install-lock';
import { buildManifest, entryFingerprint, MANIFEST_NAME, readManifest, writeManifest, type InstalledManifest } from './installed-manifest';
import { entryWithMirror } from './mirror-url';
import { cancelledError, classifyFsError, fsStep, isModelError, ModelError } from './model-errors';
import type { ModelFs } from './model-fs';
import { downloadNameOf, incomingPathsOf, modelDirOf, removeWorkFolderIfEmpty, type IncomingPaths } from './model-layout';
import { createProgressReporter, type ProgressListener } from './progress';
import type { BackoffPolicy, Sleep } from './retry-backoff';
import type { LoadCheck } from './load-checks';
import { downloadVerified } from './verified-download';

export interface InstallerDeps {
  modelsDir: string;
  fetch: Fetch;
  fs: ModelFs;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  backoff: BackoffPolicy;
  loadCheckFor: (entry: CatalogEntry) => LoadCheck;
  pid: number;
  isProcessAlive: (pid: number) => boolean;
  logger: Logger;
}

export interface InstallOptions {
  /** Reinstall even when the same version is installed. */
  force?: boolean;
  /** Base URL replacing the origin of every file URL. */
  mirror?: string;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export type InstallOutcome =
  | { status: 'installed'; id: string; manifest: InstalledManifest }
  | { status: 'already-installed'; id: string; manifest: InstalledManifest }
  | { status: 'bundled'; id: string };

async function exists(fs: ModelFs, path: string): Promise<boolean> {
  return (await fsStep(path, () => fs.stat(path))) !== null;
}

/**
 * The installed model is in previous/ and could not be moved back to `target`: say where it is.
 * cleanUp keeps previous/ while `target` is missing, and recoverInterruptedSwap restores it.
 */
function keptAsideError(failure: ModelError, id: string, previous: string, target: string, lead: string): ModelError {
  return new ModelError(
    failure.reason,
    `${failure.message} ${lead}: it is kept in ${previous}. Fetching ${id} again puts it back first, or move that folder to ${target} yourself.`,
    { cause: failure },
  );
}

/** A crash between the two renames of a swap leaves the old model in previous/: put it back. */
async function recoverInterruptedSwap(fs: ModelFs, id: string, paths: IncomingPaths, target: string): Promise<void> {
  if (!(await exists(fs, target)) && (await exists(fs, paths.previous))) {
    try {
      await fs.rename(paths.previous, target);
    } catch (error) {
      throw keptAsideError(classifyFsError(error, target), id, paths.previous, target, `Your installed ${id} could not be put back`);
    }
  }
}

async function swapIntoPlace(fs: ModelFs, id: string, staged: string, target: string, previous: string): Promise<void> {
  const hadOld = await exists(fs, target);
  if (hadOld) await fsStep(target, () => fs.rename(target, previous));
  try {
    await fs.rename(staged, target);
  } catch (error) {
    const failure = classifyFsError(error, target);
    if (!hadOld) throw failure;
    try {
      await fs.rename(previous, target);
    } catch {
      throw keptAsideError(failure, id, previous, target, `Your installed ${id} could not be put back either`);
    }
    throw failure;
  }
  if (hadOld) await fs.rm(previous).catch(() => {});
}

async function runLoadCheck(loadCheck: LoadCheck, dir: string, entry: CatalogEntry, signal?: AbortSignal): Promise<void> {
  try {
    await loadCheck(dir, entry, signal);
  } catch (error) {
    if (isModelError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModelError('corrupt', `${entry.id} was downloaded but does not load (${detail}). Fetch it again; if it keeps failing, the source serves a broken model.`, {
      cause: error,
    });
  }
}

/** Bytes already downloaded by an earlier fetch (finished or partial), each file counted up to its catalog size. */
async function bytesDownloaded(fs: ModelFs, downloadsDir: string, entry: CatalogEntry): Promise<number> {
  let bytes = 0;
  for (const file of entry.files) {
    const dest = join(downloadsDir, downloadNameOf(file.path));
    const stat = (await fs.stat(dest).catch(() => null)) ?? (await fs.stat(partPathOf(dest)).catch(() => null));
    bytes += Math.min(stat?.size ?? 0, file.sizeBytes);
  }
  return bytes;
}

/**
 * Removes the work left in .incoming/<id>, while the lock is still held: the staged model, the
 * downloads unless they are kept for a resume, and previous/ unless it holds the only copy of the
 * installed model (a swap that could not put it back). Never throws.
 */
async function cleanUp(fs: ModelFs, paths: IncomingPaths, target: string, keepDownloads: boolean): Promise<void> {
  await fs.rm(dirname(paths.model)).catch(() => {});
  const hasDownloads = keepDownloads && (await fs.readdir(paths.downloads).catch(() => [])).length > 0;
  if (!hasDownloads) await fs.rm(paths.downloads).catch(() => {});
  const targetPresent = (await fs.stat(target).catch(() => null)) !== null;
  if (targetPresent) await fs.rm(paths.previous).catch(() => {});
}

export async function installModel(catalogEntry: CatalogEntry, options: InstallOptions, deps: InstallerDeps): Promise<InstallOutcome> {
  const { fs, modelsDir } = deps;
  const { signal } = options;
  const id = catalogEntry.id;
  if (catalogEntry.bundled) return { status: 'bundled', id };
  const entry = entryWithMirror(catalogEntry, options.mirror);
  const target = modelDirOf(modelsDir, id);
  const paths = incomingPathsOf(modelsDir, id);

  const release = await acquireInstallLock(paths.lock, id, deps);
  const reporter = createProgressReporter({ source: 'catalog', model: id, clock: deps.clock, onProgress: options.onProgress });
  let keepDownloads = false;
  try {
    await recoverInterruptedSwap(fs, id, paths, target);
    const current = await readManifest(fs, target);
    if (current && current.fingerprint === entryFingerprint(catalogEntry) && !options.force) {
      return { status: 'already-installed', id, manifest: current };
    }
    await fsStep(paths.model, () => fs.rm(paths.model));
    await fsStep(paths.previous, () => fs.rm(paths.previous));
    await fsStep(paths.downloads, () => fs.mkdir(paths.downloads));

    const needed = bytesNeededFor(entry, await bytesDownloaded(fs, paths.downloads, entry));
    const diskProblem = diskSpaceProblem(id, modelsDir, needed, await fs.freeBytes(modelsDir));
    if (diskProblem) throw diskProblem;

    // Download and verify every file.
    const received = entry.files.map(() => 0);
    const totals = entry.files.map((f) => f.sizeBytes);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    reporter.update({ phase: 'connecting', detail: entry.files[0]?.path ?? id, receivedBytes: 0, totalBytes: sum(totals) });
    const sources: InstalledManifest['sources'] = [];
    for (const [i, file] of entry.files.entries()) {
      const dest = join(paths.downloads, downloadNameOf(file.path));
      const verified = await downloadVerified(
        file,
        dest,
        { ...deps, signal, onRetry: ({ failures, delayMs, error }) => deps.logger.warn('model download retry', { id, file: file.path, failures, delayMs, error: String(error) }) },
        (bytes, total) => {
          received[i] = bytes;
          if (total !== null) totals[i] = total;
          reporter.update({ phase: 'downloading', detail: file.path, receivedBytes: sum(received), totalBytes: sum(totals) });
        },
        entry.kind,
      );
      received[i] = verified.size;
      totals[i] = verified.size;
      sources.push({ path: file.path, url: file.url, size: verified.size, sha256: verified.sha256 });
    }
    reporter.flush();

    // Assemble the model folder.
    await fsStep(paths.model, () => fs.mkdir(paths.model));
    for (const file of entry.files) {
      const downloaded = join(paths.downloads, downloadNameOf(file.path));
      if (signal?.aborted) throw cancelledError(`Fetching ${id}`);
      if (file.extract) {
        reporter.update({ phase: 'extracting', detail: file.path, receivedBytes: sum(received), totalBytes: sum(totals) });
        await extractTarBz2(downloaded, paths.model, { stripComponents: file.extract.stripComponents, signal });
      } else {
        const placed = join(paths.model, ...file.path.split('/'));
        await fsStep(placed, () => fs.mkdir(dirname(placed)));
        await fsStep(placed, () => fs.rename(downloaded, placed));
        await fsStep(downloaded, () => discardDownload(fs, downloaded)); // what is noted about it
      }
    }

    reporter.update({ phase: 'testing', detail: id, receivedBytes: sum(received), totalBytes: sum(totals) });
    await runLoadCheck(deps.loadCheckFor(entry), paths.model, entry, signal);
    if (signal?.aborted) throw cancelledError(`Fetching ${id}`);

    reporter.update({ phase: 'installing', detail: id, receivedBytes: sum(received), totalBytes: sum(totals) });
    const files = await hashTree(fs, paths.model, { skip: (p) => p.startsWith(MANIFEST_NAME), signal });
    const manifest = buildManifest(catalogEntry, sources, files, new Date(deps.clock.wallNow()));
    await fsStep(paths.model, () => writeManifest(fs, paths.model, manifest));
    if (signal?.aborted) throw cancelledError(`Fetching ${id}`);
    await swapIntoPlace(fs, id, paths.model, target, paths.previous);

    reporter.update({ phase: 'done', detail: id, receivedBytes: sum(received), totalBytes: sum(totals) });
    return { status: 'installed', id, manifest };
  } catch (error) {
    if (signal?.aborted || (isModelError(error) && error.reason === 'cancelled')) {
      const kept = (await fs.stat(target).catch(() => null)) !== null;
      throw new ModelError('cancelled', `Fetching ${id} was cancelled; nothing was installed${kept ? ' and the installed version is unchanged' : ''}.`, { params: { variant: kept ? 'fetchKept' : 'fetch', id } });
    }
    const failure = isModelError(error) ? error : classifyFsError(error, paths.root);
    // After a network failure or a full disk the user fixes the cause and fetches again: resume.
    keepDownloads = failure.reason === 'interrupted' || failure.reason === 'unreachable' || failure.reason === 'disk_full';
    deps.logger.warn('model install failed', { id, reason: failure.reason, message: failure.message });
    throw failure;
  } finally {
    await cleanUp(fs, paths, target, keepDownloads);
    await release();
    await removeWorkFolderIfEmpty(fs, modelsDir, paths);
  }
}
