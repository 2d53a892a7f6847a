// One attempt at downloading one URL into a file. Bytes go to `<dest>.part`; an existing .part is
// resumed with an HTTP Range request (guarded by If-Range, so a changed file restarts). A server
// that ignores Range answers 200 and the download starts over. Only a complete file is renamed to
// `dest`, flushed to disk first, with the URL it came from noted beside it (`downloadedFrom`), so a
// leftover from another catalog revision is not taken for this one. Every failure is a ModelError;
// transient ones (dropped connection, 5xx) say so, for the retry loop around this.
import { z } from 'zod';
import { cancelledError, classifyHttpStatus, classifyNetworkError, fsStep, isModelError, ModelError } from './model-errors';
import type { ModelFs } from './model-fs';

export type Fetch = typeof fetch;

export interface DownloadTarget {
  url: string;
  dest: string;
  /** The exact size when the catalog knows it: a server announcing another size is refused at once. */
  exactSize?: number;
}

export interface DownloadDeps {
  fetch: Fetch;
  fs: ModelFs;
  signal?: AbortSignal;
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

export async function downloadOnce(target: DownloadTarget, deps: DownloadDeps, onBytes: OnBytes = () => {}): Promise<DownloadResult> {
  const { fs, signal } = deps;
  const { url, dest, exactSize } = target;
  const partPath = partPathOf(dest);

  let offset = (await fsStep(partPath, () => fs.stat(partPath)))?.size ?? 0;
  const meta = offset > 0 ? await readMeta(fs, dest) : null;
  if (offset > 0 && (meta?.url !== url || (exactSize !== undefined && offset > exactSize))) {
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

  let response: Response;
  try {
    response = await deps.fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    throw signal?.aborted ? cancelledError(`The download of ${url}`) : classifyNetworkError(error, url);
  }

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
      throw new ModelError('interrupted', `${new URL(url).host} answered a resumed download with the wrong range; starting over.`, { transient: true });
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
      `The download from ${new URL(url).host} is wrong: it offers ${total} bytes for ${url} where ${exactSize} were expected. ` +
        'The server or mirror is serving a broken or different file — check --mirror / --catalog, or try again later.',
    );
  }

  await fsStep(dest, () => fs.writeText(metaPathOf(dest), JSON.stringify({ url, validator: rangeValidator(response.headers) } satisfies PartMeta)));
  const sink = await fsStep(partPath, () => fs.openWrite(partPath, append ? 'append' : 'truncate'));
  let received = offset;
  onBytes(received, total);
  try {
    if (!response.body) throw new ModelError('interrupted', `${new URL(url).host} sent no data for ${url}.`, { transient: true });
    for await (const chunk of response.body) {
      await fsStep(partPath, () => sink.write(chunk));
      received += chunk.length;
      onBytes(received, total);
    }
  } catch (error) {
    if (signal?.aborted) throw cancelledError(`The download of ${url}`);
    throw isModelError(error) ? error : classifyNetworkError(error, url);
  } finally {
    await sink.close().catch(() => {});
  }

  if (total !== null && received !== total) {
    throw new ModelError('interrupted', `The download of ${url} stopped at ${received} of ${total} bytes.`, { transient: true });
  }
  await finish(fs, url, dest);
  return { bytes: received, resumed: offset > 0 };
}
