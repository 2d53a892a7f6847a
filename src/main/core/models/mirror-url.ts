// A mirror replaces the origin (scheme, host, port) of every catalog URL and keeps the path, so a
// mirror is laid out like the origins: <mirror>/onnx-community/whisper-base/resolve/main/…,
// <mirror>/k2-fsa/sherpa-onnx/releases/download/tts-models/… . A path on the mirror base is kept
// as a prefix.
import { EarshotError } from '../../../shared/errors';
import type { CatalogEntry } from './catalog-schema';

/** Checks a mirror base URL given by a person; returns it normalised (no trailing slash). */
export function parseMirrorBase(mirror: string): string {
  let url: URL;
  try {
    url = new URL(mirror.trim());
  } catch {
    throw new EarshotError('invalid_input', `"${mirror}" is not a URL — give the mirror as http://host[:port][/path].`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EarshotError('invalid_input', `The mirror "${mirror}" must start with http:// or https://.`);
  }
  if (url.search || url.hash) {
    throw new EarshotError('invalid_input', `The mirror "${mirror}" must not have a query or #fragment.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `https://origin/a/b?x` with mirror `http://m/pre` → `http://m/pre/a/b?x`. */
export function rewriteToMirror(originalUrl: string, mirrorBase: string): string {
  const original = new URL(originalUrl);
  const base = parseMirrorBase(mirrorBase);
  return `${base}${original.pathname}${original.search}`;
}

/** The entry with every file URL pointed at the mirror. */
export function entryWithMirror(entry: CatalogEntry, mirrorBase: string | undefined): CatalogEntry {
  if (!mirrorBase) return entry;
  return { ...entry, files: entry.files.map((f) => ({ ...f, url: rewriteToMirror(f.url, mirrorBase) })) };
}
