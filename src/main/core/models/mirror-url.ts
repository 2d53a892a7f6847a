// A mirror replaces the origin (scheme, host, port) of every catalog URL and keeps the path, so a
// mirror is laid out like the origins: <mirror>/onnx-community/whisper-base/resolve/main/…,
// <mirror>/k2-fsa/sherpa-onnx/releases/download/tts-models/… . A path on the mirror base is kept
// as a prefix. A mirror must be https (plain http only on this machine): over plain http anyone on
// the way could swap the bytes, and the built-in catalog cannot pin every checksum.
import { EarshotError } from '../../../shared/errors';
import type { CatalogEntry } from './catalog-schema';
import { isLoopbackHost } from './download-policy';

/** Checks a mirror base URL given by a person; returns it normalised (no trailing slash). */
export function parseMirrorBase(mirror: string): string {
  let url: URL;
  try {
    url = new URL(mirror.trim());
  } catch {
    throw new EarshotError('invalid_input', `"${mirror}" is not a URL — give the mirror as https://host[:port][/path].`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EarshotError('invalid_input', `The mirror "${mirror}" must start with https:// (or http:// on this machine).`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new EarshotError('invalid_input', `The mirror "${mirror}" uses plain http, which anyone on the way can alter — give it as https://.`);
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

/** The entry with every file URL pointed at the mirror; the origin's CDN hosts do not apply to a mirror. */
export function entryWithMirror(entry: CatalogEntry, mirrorBase: string | undefined): CatalogEntry {
  if (!mirrorBase) return entry;
  return { ...entry, files: entry.files.map(({ redirectHosts: _origins, ...f }) => ({ ...f, url: rewriteToMirror(f.url, mirrorBase) })) };
}
