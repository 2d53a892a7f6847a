// What is installed, whether it is still intact, and removing it. A model counts as installed when
// its folder holds a manifest (written last by the installer); `verify` re-hashes every file the
// manifest lists and runs the test load again.
import { dirname, join } from 'node:path';
import type { Catalog } from './catalog';
import { entrySizeBytes, isEntryPinned, type CatalogEntry, type DefaultRole, type ModelKind } from './catalog-schema';
import { sha256File } from './file-hash';
import { acquireInstallLock, type LockDeps } from './install-lock';
import { entryFingerprint, readManifest, type InstalledManifest } from './installed-manifest';
import { fsStep, isModelError } from './model-errors';
import type { ModelFs } from './model-fs';
import { incomingPathsOf, modelDirOf, removeWorkFolderIfEmpty } from './model-layout';
import type { LoadCheck } from './load-checks';

/**
 * bundled: ships with Earshot. installed: manifest matches the catalog. outdated: installed from an
 * older catalog entry (still usable). unverified: a folder without a manifest (half-copied by hand,
 * or an old layout). missing: nothing there.
 */
export type ModelState = 'bundled' | 'installed' | 'outdated' | 'unverified' | 'missing';

export interface ModelListing {
  id: string;
  kind: ModelKind;
  languages: string[];
  description: string;
  license: string;
  variant: string | null;
  sizeBytes: number;
  /** True while the size comes from catalog estimates (not installed, sizes not pinned). */
  sizeIsEstimate: boolean;
  /** Every file pinned by sha256 and exact size; false means substituted bytes could install unnoticed (shown as "unverified"). */
  pinned: boolean;
  installed: boolean;
  state: ModelState;
  defaultFor: DefaultRole[];
  /** The model folder when installed. */
  path: string | null;
  installedAt: string | null;
}

export async function modelState(fs: ModelFs, modelsDir: string, entry: CatalogEntry): Promise<{ state: ModelState; manifest: InstalledManifest | null }> {
  if (entry.bundled) return { state: 'bundled', manifest: null };
  const dir = modelDirOf(modelsDir, entry.id);
  const manifest = await readManifest(fs, dir);
  if (manifest && manifest.id === entry.id) return { state: manifest.fingerprint === entryFingerprint(entry) ? 'installed' : 'outdated', manifest };
  const present = (await fs.stat(dir).catch(() => null))?.isDirectory === true;
  return { state: present ? 'unverified' : 'missing', manifest: null };
}

export function isInstalledState(state: ModelState): boolean {
  return state === 'bundled' || state === 'installed' || state === 'outdated';
}

export async function listModels(fs: ModelFs, modelsDir: string, catalog: Catalog): Promise<ModelListing[]> {
  return Promise.all(
    catalog.entries.map(async (entry) => {
      const { state, manifest } = await modelState(fs, modelsDir, entry);
      const installed = isInstalledState(state);
      return {
        id: entry.id,
        kind: entry.kind,
        languages: [...entry.languages],
        description: entry.description,
        license: entry.license,
        variant: entry.variant ?? null,
        sizeBytes: manifest ? manifest.files.reduce((sum, f) => sum + f.size, 0) : entrySizeBytes(entry),
        sizeIsEstimate: !manifest && entry.files.some((f) => !f.exactSize),
        pinned: isEntryPinned(entry),
        installed,
        state,
        defaultFor: [...entry.defaultFor],
        path: installed && !entry.bundled ? modelDirOf(modelsDir, entry.id) : null,
        installedAt: manifest?.installedAt ?? null,
      };
    }),
  );
}

export interface VerifyResult {
  id: string;
  ok: boolean;
  /** One line each, for people. */
  problems: string[];
}

/** Re-hashes an installed model's files against its manifest, then test-loads it. */
export async function verifyInstalledModel(fs: ModelFs, modelsDir: string, entry: CatalogEntry, loadCheck: LoadCheck, signal?: AbortSignal): Promise<VerifyResult> {
  if (entry.bundled) return { id: entry.id, ok: true, problems: [] };
  const dir = modelDirOf(modelsDir, entry.id);
  const manifest = await readManifest(fs, dir);
  if (!manifest) return { id: entry.id, ok: false, problems: [`${entry.id} is not installed (no ${dir}/.earshot-model.json)`] };
  const problems: string[] = [];
  for (const file of manifest.files) {
    const path = join(dir, ...file.path.split('/'));
    const stat = await fs.stat(path).catch(() => null);
    if (!stat || stat.isDirectory) problems.push(`${file.path} is missing`);
    else if (stat.size !== file.size) problems.push(`${file.path} changed size (${stat.size} bytes, installed as ${file.size})`);
    else if ((await sha256File(path, signal)) !== file.sha256) problems.push(`${file.path} changed since it was installed (checksum differs)`);
  }
  if (problems.length === 0) {
    try {
      await loadCheck(dir, entry, signal);
    } catch (error) {
      problems.push(isModelError(error) ? error.message : `it does not load: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { id: entry.id, ok: problems.length === 0, problems };
}

/** Removes an installed model (and any unfinished download of it). False when nothing was there. */
export async function removeModel(fs: ModelFs, modelsDir: string, id: string, lockDeps: Omit<LockDeps, 'fs'>): Promise<boolean> {
  const dir = modelDirOf(modelsDir, id);
  const paths = incomingPathsOf(modelsDir, id);
  const release = await acquireInstallLock(paths.lock, id, { ...lockDeps, fs });
  try {
    const present = (await fs.stat(dir).catch(() => null)) !== null;
    await fsStep(dir, () => fs.rm(dir));
    return present;
  } finally {
    // Clean up before releasing the lock, so a fetch starting right after keeps its files.
    await fs.rm(paths.downloads).catch(() => {});
    await fs.rm(dirname(paths.model)).catch(() => {});
    await fs.rm(paths.previous).catch(() => {});
    await release();
    await removeWorkFolderIfEmpty(fs, modelsDir, paths);
  }
}
