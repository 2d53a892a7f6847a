// The marker that makes a model folder count as installed: `.earshot-model.json`, written last,
// after download, verification and the test load. It lists every file with its size and sha256
// (so `verify` can re-hash), where it came from, and a fingerprint of the catalog entry (so a
// catalog update shows the model as outdated).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { CatalogEntry } from './catalog-schema';
import type { HashedFile } from './file-hash';
import type { ModelFs } from './model-fs';

export const MANIFEST_NAME = '.earshot-model.json';

const hashedFileSchema = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[a-f0-9]{64}$/) });

export const manifestSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  kind: z.string(),
  fingerprint: z.string(),
  installedAt: z.string(),
  /** What was downloaded: catalog file path, the URL actually used, and its hash. */
  sources: z.array(z.object({ path: z.string(), url: z.string(), size: z.number().int().nonnegative(), sha256: z.string() })),
  /** Every file in the installed folder (the manifest itself excluded). */
  files: z.array(hashedFileSchema),
});

export type InstalledManifest = z.infer<typeof manifestSchema>;

/**
 * Identifies what an entry would install: paths, sizes, checksums, archive handling and URL paths.
 * URL origins are left out, so fetching through a mirror installs the "same" model.
 */
export function entryFingerprint(entry: CatalogEntry): string {
  const files = entry.files.map((f) => ({
    path: f.path,
    urlPath: new URL(f.url).pathname,
    size: f.exactSize ? f.sizeBytes : null,
    sha256: f.sha256 ?? null,
    extract: f.extract ?? null,
  }));
  return createHash('sha256').update(JSON.stringify({ id: entry.id, kind: entry.kind, files })).digest('hex');
}

export function buildManifest(entry: CatalogEntry, sources: InstalledManifest['sources'], files: HashedFile[], installedAt: Date): InstalledManifest {
  return { version: 1, id: entry.id, kind: entry.kind, fingerprint: entryFingerprint(entry), installedAt: installedAt.toISOString(), sources, files };
}

/** The manifest in `modelDir`, or null when there is none or it is unreadable. */
export async function readManifest(fs: ModelFs, modelDir: string): Promise<InstalledManifest | null> {
  let text: string;
  try {
    text = await fs.readText(join(modelDir, MANIFEST_NAME));
  } catch {
    return null;
  }
  try {
    return manifestSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Writes the manifest through a temporary file, flushed to disk, and a rename, so it is never seen
 * half-written (not even after a power cut).
 */
export async function writeManifest(fs: ModelFs, modelDir: string, manifest: InstalledManifest): Promise<void> {
  const temp = join(modelDir, `${MANIFEST_NAME}.tmp`);
  await fs.writeText(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.syncFile(temp);
  await fs.rename(temp, join(modelDir, MANIFEST_NAME));
}
