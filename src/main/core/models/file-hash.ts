// SHA-256 of files and of whole model folders, streamed so large weights never sit in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ModelFs } from './model-fs';

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface HashedFile {
  /** Relative to the folder, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

/** Every regular file under `dir` (sorted), skipping names for which `skip` is true. */
export async function listFiles(fs: ModelFs, dir: string, skip: (relativePath: string) => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string) => {
    const entries = await fs.readdir(relative ? join(dir, relative) : dir);
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip(child)) continue;
      if (entry.isDirectory) await walk(child);
      else if (entry.isFile) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/** Hashes every file under `dir`; `onFile` reports each one as it is done. */
export async function hashTree(
  fs: ModelFs,
  dir: string,
  options: { skip?: (relativePath: string) => boolean; signal?: AbortSignal; onFile?: (file: HashedFile) => void } = {},
): Promise<HashedFile[]> {
  const files = await listFiles(fs, dir, options.skip);
  const hashed: HashedFile[] = [];
  for (const path of files) {
    const full = join(dir, ...path.split('/'));
    const stat = await fs.stat(full);
    const file = { path, size: stat?.size ?? 0, sha256: await sha256File(full, options.signal) };
    hashed.push(file);
    options.onFile?.(file);
  }
  return hashed;
}
