// Installs one catalog entry: download every file (resumable, retried, verified), assemble the
// model folder under .incoming/<id>/staged/<id>, test-load it, write the manifest last, then swap it into
// <modelsDir>/<id>. An installed model is only moved aside at the swap, after the new one passed
// every check, and is put back if the swap fails. On any failure nothing is installed: the work
// folder is removed, except completed and partial downloads after a network failure, so the next
// fetch resumes.
import { dirname, join } from 'node:path';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { extractTarBz2 } from './archive-extract';
import type { CatalogEntry } from './catalog-schema';
import { bytesNeededFor, diskSpaceProblem } from './disk-space';
import { hashTree } from './file-hash';
import type { Fetch } from './http-download';
import { acquireInstallLock } from './install-lock';
import { buildManifest, entryFingerprint, MANIFEST_NAME, readManifest, writeManifest, type InstalledManifest } from './installed-manifest';
import { entryWithMirror } from './mirror-url';
import { cancelledError, classifyFsError, fsStep, isModelError, ModelError } from './model-errors';
import type { ModelFs } from './model-fs';
import { downloadNameOf, incomingPathsOf, modelDirOf, removeIncomingIfEmpty, type IncomingPaths } from './model-layout';
import { createProgressReporter, type ProgressListener } from './progress';
import type { BackoffPolicy, Sleep } from './retry-backoff';
import type { TestLoad } from './test-loaders';
import { downloadVerified } from './verified-download';

export interface InstallerDeps {
  modelsDir: string;
  fetch: Fetch;
  fs: ModelFs;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  backoff: BackoffPolicy;
  testLoadFor: (entry: CatalogEntry) => TestLoad;
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

/** A crash between the two renames of a swap leaves the old model in previous/: put it back. */
async function recoverInterruptedSwap(fs: ModelFs, paths: IncomingPaths, target: string): Promise<void> {
  if (!(await exists(fs, target)) && (await exists(fs, paths.previous))) {
    await fsStep(target, () => fs.rename(paths.previous, target));
  }
}

async function swapIntoPlace(fs: ModelFs, staged: string, target: string, previous: string): Promise<void> {
  const hadOld = await exists(fs, target);
  if (hadOld) await fsStep(target, () => fs.rename(target, previous));
  try {
    await fs.rename(staged, target);
  } catch (error) {
    if (hadOld) await fs.rename(previous, target).catch(() => {});
    throw classifyFsError(error, target);
  }
  if (hadOld) await fs.rm(previous).catch(() => {});
}

async function runTestLoad(testLoad: TestLoad, dir: string, entry: CatalogEntry, signal?: AbortSignal): Promise<void> {
  try {
    await testLoad(dir, entry, signal);
  } catch (error) {
    if (isModelError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModelError('corrupt', `${entry.id} was downloaded but does not load (${detail}). Fetch it again; if it keeps failing, the source serves a broken model.`, {
      cause: error,
    });
  }
}

async function cleanUp(fs: ModelFs, modelsDir: string, paths: IncomingPaths, keepDownloads: boolean): Promise<void> {
  await fs.rm(dirname(paths.model)).catch(() => {});
  const hasDownloads = keepDownloads && (await fs.readdir(paths.downloads).catch(() => [])).length > 0;
  if (!hasDownloads) await fs.rm(paths.root).catch(() => {});
  await removeIncomingIfEmpty(fs, modelsDir);
}

export async function installModel(catalogEntry: CatalogEntry, options: InstallOptions, deps: InstallerDeps): Promise<InstallOutcome> {
  const { fs, modelsDir } = deps;
  const { signal } = options;
  const id = catalogEntry.id;
  if (catalogEntry.bundled) return { status: 'bundled', id };
  const entry = entryWithMirror(catalogEntry, options.mirror);
  const target = modelDirOf(modelsDir, id);
  const paths = incomingPathsOf(modelsDir, id);

  await fsStep(paths.root, () => fs.mkdir(paths.root));
  const release = await acquireInstallLock(paths.lock, id, deps);
  const reporter = createProgressReporter({ source: 'catalog', model: id, clock: deps.clock, onProgress: options.onProgress });
  let keepDownloads = false;
  try {
    await recoverInterruptedSwap(fs, paths, target);
    const current = await readManifest(fs, target);
    if (current && current.fingerprint === entryFingerprint(catalogEntry) && !options.force) {
      return { status: 'already-installed', id, manifest: current };
    }
    await fsStep(paths.model, () => fs.rm(paths.model));
    await fsStep(paths.previous, () => fs.rm(paths.previous));
    await fsStep(paths.downloads, () => fs.mkdir(paths.downloads));

    const diskProblem = diskSpaceProblem(id, modelsDir, bytesNeededFor(entry), await fs.freeBytes(modelsDir));
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
      }
    }

    reporter.update({ phase: 'testing', detail: id, receivedBytes: sum(received), totalBytes: sum(totals) });
    await runTestLoad(deps.testLoadFor(entry), paths.model, entry, signal);
    if (signal?.aborted) throw cancelledError(`Fetching ${id}`);

    reporter.update({ phase: 'installing', detail: id, receivedBytes: sum(received), totalBytes: sum(totals) });
    const files = await hashTree(fs, paths.model, { skip: (p) => p.startsWith(MANIFEST_NAME), signal });
    const manifest = buildManifest(catalogEntry, sources, files, new Date(deps.clock.wallNow()));
    await fsStep(paths.model, () => writeManifest(fs, paths.model, manifest));
    if (signal?.aborted) throw cancelledError(`Fetching ${id}`);
    await swapIntoPlace(fs, paths.model, target, paths.previous);

    reporter.update({ phase: 'done', detail: id, receivedBytes: sum(received), totalBytes: sum(totals) });
    return { status: 'installed', id, manifest };
  } catch (error) {
    if (signal?.aborted || (isModelError(error) && error.reason === 'cancelled')) {
      const kept = (await fs.stat(target).catch(() => null)) !== null;
      throw new ModelError('cancelled', `Fetching ${id} was cancelled; nothing was installed${kept ? ' and the installed version is unchanged' : ''}.`);
    }
    const failure = isModelError(error) ? error : classifyFsError(error, paths.root);
    keepDownloads = failure.reason === 'interrupted' || failure.reason === 'unreachable';
    deps.logger.warn('model install failed', { id, reason: failure.reason, message: failure.message });
    throw failure;
  } finally {
    await release();
    await cleanUp(fs, modelsDir, paths, keepDownloads);
  }
}
