// Serving the built renderer: request paths resolved inside the root folder only (no traversal,
// no symlink escape). Content types come from core/host/content-types.ts, shared with Electron.
import { realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

export type StaticLookup = { kind: 'file'; path: string; size: number } | { kind: 'bad-request' } | { kind: 'not-found' };

/** The file a URL path names inside `root` (real path, symlinks resolved), or why not. */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad-request' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return { kind: 'bad-request' };
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const base = await realpath(root).catch(() => resolve(root));
  let path: string;
  try {
    path = await realpath(join(base, relative));
  } catch {
    return { kind: 'not-found' };
  }
  if (!path.startsWith(base + sep)) return { kind: 'not-found' };
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return { kind: 'not-found' };
  return { kind: 'file', path, size: info.size };
}
