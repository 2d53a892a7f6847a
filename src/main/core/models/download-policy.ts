// What a model download may do, decided before and while bytes arrive. Pure. A mirror (or anyone
// between us and it) must not be able to substitute bytes or fill the disk, so: https only (plain
// http only to this machine, where nothing sits in between), redirects only to the same host or to
// hosts the catalog names, and a hard ceiling on bytes even when the catalog knows no exact size.
import type { ModelKind } from './catalog-schema';

/** No byte for this long and the mirror is taken to have stopped sending. */
export const DOWNLOAD_IDLE_TIMEOUT_MS = 30_000;

/** Redirect hops followed at most (Hugging Face and GitHub use one or two). */
export const MAX_REDIRECTS = 5;

/** The most a file of each kind may be when the catalog only estimates its size. */
export const KIND_MAX_BYTES: Record<ModelKind, number> = {
  stt: 4 * 1024 ** 3,
  tts: 512 * 1024 ** 2,
  vad: 64 * 1024 ** 2,
  embedding: 2 * 1024 ** 3,
};

/** An estimate may be off this many times over before the bytes are refused; verification uses the same ratio. */
export const ESTIMATE_MAX_RATIO = 5;
/** Small files (configs) vary more than the ratio allows; they may always grow to this. */
const SMALL_FILE_ALLOWANCE = 1024 * 1024;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why a URL may not be downloaded from, or null when it may. */
export function downloadUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return null;
  if (parsed.protocol === 'http:') return `${url} uses plain http, which anyone on the way can alter; use an https:// mirror`;
  return `${url} is not an https:// URL`;
}

/**
 * Whether a redirect from `from` to `to` may be followed: to the same host, or to a host the
 * catalog lists for this file (an entry starting with "." matches that domain and its subdomains).
 */
export function redirectAllowed(from: string, to: string, allowedHosts: readonly string[] = []): boolean {
  if (downloadUrlProblem(to) !== null) return false;
  const target = new URL(to).hostname.toLowerCase();
  if (target === new URL(from).hostname.toLowerCase()) return true;
  return allowedHosts.some((allowed) => {
    const host = allowed.toLowerCase();
    return host.startsWith('.') ? target === host.slice(1) || target.endsWith(host) : target === host;
  });
}

/** The most bytes a file may have: its exact size when pinned, else a generous bound from the estimate and the kind. */
export function downloadByteCap(file: { sizeBytes: number; exactSize: boolean }, kind: ModelKind): number {
  if (file.exactSize) return file.sizeBytes;
  const fromEstimate = Math.max(Math.ceil(file.sizeBytes * ESTIMATE_MAX_RATIO), file.sizeBytes + SMALL_FILE_ALLOWANCE);
  return Math.min(fromEstimate, KIND_MAX_BYTES[kind]);
}
