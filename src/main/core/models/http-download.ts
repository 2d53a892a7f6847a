// One attempt at downloading one URL into a file. Bytes go to `<dest>.part`; an existing .part is
// resumed with an HTTP Range request (guarded by If-Range, so a changed file restarts). A server
// that ignores Range answers 200 and the download starts over. Only a complete file is renamed to
// `dest`, flushed to disk first, with the URL it came from noted beside it (`downloadedFrom`), so a
// leftover from another catalog revision is not taken for this one. Every failure is a ModelError;
// transient ones (dropped connection, 5xx, a mirror gone silent) say so, for the retry loop around
// this. Bytes beyond the cap are refused and the partial file removed, so a response that never
// ends cannot fill the disk.
import { z } from 'zod';
import { formatBytes } from './byte-format';
import { DOWNLOAD_IDLE_TIMEOUT_MS, downloadUrlProblem, MAX_REDIRECTS, redirectAllowed } from './download-policy';
import { startIdleWatchdog, type IdleWatchdog } from './idle-watchdog';
import { cancelledError, classifyHttpStatus, classifyNetworkError, fsStep, isModelError, ModelError } from './model-errors';
import type { ModelFs } from './model-fs';

export type Fetch = typeof fetch;

export interface DownloadTarget {
  url: string;
  dest: string;
  /** The exact size when the catalog knows it: a server announcing another size is refused at once. */
  exactSize?: number;
  /** The most bytes accepted when the exact size is not known; more is refused and the partial file removed. */
  maxBytes?: number;
  /** Hosts besides the URL's own that a redirect may lead to ("." first: a domain and its subdomains). */
  redirectHosts?: readonly string[];
}

export interface DownloadDeps {
  fetch: Fetch;
  fs: ModelFs;
  signal?: AbortSignal;
  /** No byte for this long fails the attempt (resumable). */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  bytes: number;
  /** Whether any of the bytes came from an earlier, interrupted attempt. */
  resumed: boolean;
}

/** Called as bytes arrive: bytes on disk so far, and the full size when the server said. */
export type OnBytes = (receivedBytes: number, totalBytes: number | null) => void;

const partMetaSchema = z.object({ url: z.string(), validator: z.string().nullable() });
type PartMeta = z.infer<typeof partMetaSchema>;

export function partPathOf(dest: string): string {
  return `${dest}.part`;
}

function metaPathOf(dest: string): string {
  return `${dest}.part.json`;
}

function sourcePathOf(dest: string): string {
  return `${dest}.source.json`;
}

const sourceSchema = z.object({ url: z.string() });

/** Parses `bytes START-END/SIZE` (SIZE may be `*`). */
export function parseContentRange(header: string | null): { start: number; end: number; size: number | null } | null {
  const match = header?.match(/^bytes (\d+)-(\d+)\/(\d+|\*)$/i);
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), size: match[3] === '*' ? null : Number(match[3]) };
}

/** A strong ETag, else Last-Modified: what If-Range may carry. */
export function rangeValidator(headers: Headers): string | null {
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return headers.get('last-modified');
}

async function readMeta(fs: ModelFs, dest: string): Promise<PartMeta | null> {
  try {
    return partMetaSchema.parse(JSON.parse(await fs.readText(metaPathOf(dest))));
  } catch {
    return null;
  }
}

async function discardPartial(fs: ModelFs, dest: string): Promise<void> {
  await fs.rm(partPathOf(dest));
  await fs.rm(metaPathOf(dest));
}

/** The URL a finished download at `dest` came from, or null when it is not known. */
export async function downloadedFrom(fs: ModelFs, dest: string): Promise<string | null> {
  try {
    return sourceSchema.parse(JSON.parse(await fs.readText(sourcePathOf(dest)))).url;
  } catch {
    return null;
  }
}

/** Removes a download, finished or partial, and what is noted about it. */
export async function discardDownload(fs: ModelFs, dest: string): Promise<void> {
  await fs.rm(dest);
  await fs.rm(sourcePathOf(dest));
  await discardPartial(fs, dest);
}

/** Moves a complete .part into place: flushed to disk, its URL noted before it becomes `dest`. */
async function finish(fs: ModelFs, url: string, dest: string): Promise<void> {
  const partPath = partPathOf(dest);
  await fsStep(dest, () => fs.syncFile(partPath));
  await fsStep(dest, () => fs.writeText(sourcePathOf(dest), JSON.stringify({ url } satisfies z.infer<typeof sourceSchema>)));
  await fsStep(dest, () => fs.rename(partPath, dest));
  await fsStep(dest, () => fs.rm(metaPathOf(dest)));
}

function hostOf(url: string): string {
  return new URL(url).host;
}

function insecureError(problem: string): ModelError {
  return new ModelError('insecure', `Earshot will not download this: ${problem}. Check --mirror / --catalog.`);
}

function stalledError(url: string, idleMs: number): ModelError {
  return new ModelError(
    'interrupted',
    `The mirror stopped sending: ${hostOf(url)} sent nothing for ${Math.round(idleMs / 1000)} s while downloading ${url}. Try again later or use another --mirror — the fetch resumes where it stopped.`,
    { transient: true },
  );
}

function tooLargeError(url: string, cap: number): ModelError {
  return new ModelError(
    'corrupt',
    `The download from ${hostOf(url)} is wrong: ${url} is larger than the ${formatBytes(cap)} it may be. The server or mirror is serving a broken or different file — check --mirror / --catalog.`,
  );
}

/** fetch() that follows redirects by hand, only where the policy allows, over https (or loopback). */
async function fetchChecked(target: DownloadTarget, init: RequestInit, deps: DownloadDeps, watchdog: IdleWatchdog): Promise<Response> {
  let url = target.url;
  for (let hop = 0; ; hop += 1) {
    const problem = downloadUrlProblem(url);
    if (problem) throw insecureError(problem);
    let response: Response;
    try {
      response = await deps.fetch(url, { ...init, signal: watchdog.signal, redirect: 'manual' });
    } catch (error) {
      if (watchdog.timedOut) throw stalledError(target.url, deps.idleTimeoutMs ?? DOWNLOAD_IDLE_TIMEOUT_MS);
      throw deps.signal?.aborted ? cancelledError(`The download of ${target.url}`) : classifyNetworkError(error, url);
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, url).toString();
    if (hop >= MAX_REDIRECTS) throw new ModelError('http_error', `${hostOf(target.url)} redirected ${target.url} more than ${MAX_REDIRECTS} times. Check the mirror or catalog URL.`);
    if (!redirectAllowed(url, next, target.redirectHosts)) {
      throw insecureError(`${hostOf(url)} redirected ${target.url} to ${next}, a host the catalog does not name for this file`);
    }
    url = next;
  }
}

export async function downloadOnce(target: DownloadTarget, deps: DownloadDeps, onBytes: OnBytes = () => {}): Promise<DownloadResult> {
  const { fs, signal } = deps;
  const { url, dest, exactSize } = target;
  const partPath = partPathOf(dest);
  const cap = Math.min(exactSize ?? Infinity, target.maxBytes ?? Infinity);
  const problem = downloadUrlProblem(url);
  if (problem) throw insecureError(problem);

  let offset = (await fsStep(partPath, () => fs.stat(partPath)))?.size ?? 0;
  const meta = offset > 0 ? await readMeta(fs, dest) : null;
  if (offset > 0 && (meta?.url !== url || offset > cap)) {
    await fsStep(partPath, () => discardPartial(fs, dest));
    offset = 0;
  }
  if (exactSize !== undefined && offset === exactSize) {
    // Complete already: the previous attempt stopped between the last byte and the rename.
    await finish(fs, url, dest);
    return { bytes: offset, resumed: true };
  }

  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    if (meta?.validator) headers['if-range'] = meta.validator;
  }

  const idleMs = deps.idleTimeoutMs ?? DOWNLOAD_IDLE_TIMEOUT_MS;
  const watchdog = startIdleWatchdog(idleMs, signal);
  try {
    const response = await fetchChecked(target, { headers }, deps, watchdog);
    return await receive(response, { target, deps, offset, cap, watchdog, idleMs }, onBytes);
  } finally {
    watchdog.stop();
  }
}

interface Receiving {
  target: DownloadTarget;
  deps: DownloadDeps;
  offset: number;
  cap: number;
  watchdog: IdleWatchdog;
  idleMs: number;
}

async function receive(response: Response, job: Receiving, onBytes: OnBytes): Promise<DownloadResult> {
  const { target, deps, cap, watchdog } = job;
  const { fs, signal } = deps;
  const { url, dest, exactSize } = target;
  const partPath = partPathOf(dest);
  let offset = job.offset;

  if (response.status === 416 && offset > 0) {
    // Our partial file does not fit the file on the server any more: start over.
    await response.body?.cancel();
    await fsStep(partPath, () => discardPartial(fs, dest));
    throw new ModelError('interrupted', `The partial download of ${url} no longer matches the server's file; starting over.`, { transient: true });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw classifyHttpStatus(response.status, url);
  }

  let append = false;
  let total: number | null;
  const lengthHeader = response.headers.get('content-length');
  const length = lengthHeader !== null && !response.headers.get('content-encoding') ? Number(lengthHeader) : null;
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (!range || range.start !== offset) {
      await response.body?.cancel();
      await fsStep(partPath, () => discardPartial(fs, dest));
      throw new ModelError('interrupted', `${hostOf(url)} answered a resumed download with the wrong range; starting over.`, { transient: true });
    }
    append = true;
    total = range.size ?? (length !== null ? offset + length : null);
  } else {
    // 200: the server ignored Range (or the file changed): the whole file follows.
    offset = 0;
    total = length;
  }

  if (exactSize !== undefined && total !== null && total !== exactSize) {
    await response.body?.cancel();
    await fsStep(partPath, () => discardPartial(fs, dest));
    throw new ModelError(
      'corrupt',
      `The download from ${hostOf(url)} is wrong: it offers ${total} bytes for ${url} where ${exactSize} were expected. ` +
        'The server or mirror is serving a broken or different file — check --mirror / --catalog, or try again later.',
    );
  }
  if (total !== null && total > cap) {
    await response.body?.cancel();
    await fsStep(partPath, () => discardPartial(fs, dest));
    throw tooLargeError(url, cap);
  }

  await fsStep(dest, () => fs.writeText(metaPathOf(dest), JSON.stringify({ url, validator: rangeValidator(response.headers) } satisfies PartMeta)));
  const sink = await fsStep(partPath, () => fs.openWrite(partPath, append ? 'append' : 'truncate'));
  let received = offset;
  let overCap = false;
  onBytes(received, total);
  try {
    if (!response.body) throw new ModelError('interrupted', `${hostOf(url)} sent no data for ${url}.`, { transient: true });
    for await (const chunk of response.body) {
      watchdog.kick();
      if (received + chunk.length > cap) {
        overCap = true;
        break;
      }
      await fsStep(partPath, () => sink.write(chunk));
      received += chunk.length;
      onBytes(received, total);
    }
  } catch (error) {
    if (watchdog.timedOut) throw stalledError(url, job.idleMs);
    if (signal?.aborted) throw cancelledError(`The download of ${url}`);
    throw isModelError(error) ? error : classifyNetworkError(error, url);
  } finally {
    await sink.close().catch(() => {});
  }
  if (overCap) {
    await response.body?.cancel().catch(() => {});
    await fsStep(partPath, () => discardPartial(fs, dest));
    throw tooLargeError(url, cap);
  }

  if (total !== null && received !== total) {
    throw new ModelError('interrupted', `The download of ${url} stopped at ${received} of ${total} bytes.`, { transient: true });
  }
  await finish(fs, url, dest);
  return { bytes: received, resumed: offset > 0 };
}
