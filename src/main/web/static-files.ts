// Serving the built renderer: request paths resolved inside the root folder only (no traversal,
// no symlink escape), with the content types a browser needs (.wasm as application/wasm for
// streaming compilation, .mjs as JavaScript for module workers).
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

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
