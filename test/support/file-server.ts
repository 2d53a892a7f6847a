// A local HTTP file server on 127.0.0.1 for download tests, with fault injection: dropped
// connections after N bytes, HTTP errors, servers that ignore Range, slow streams. Serves files
// from memory with Content-Length, strong ETags and byte ranges (206 / 416), and records requests.
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** One request's worth of trouble; a file's `faults` are used up one per request, in order. */
export interface FileFault {
  /** Answer with this status (and a short text body) instead of the file. */
  status?: number;
  /** Send the headers and this many bytes of the body, then destroy the socket. */
  cutAfterBytes?: number;
}

export interface ServedFile {
  body: Uint8Array;
  faults?: FileFault[];
  /** Always answer 200 with the whole file, ignoring Range. */
  ignoreRange?: boolean;
  /** Pause between 16 kB chunks (to cancel mid-download). */
  chunkDelayMs?: number;
}

export interface RecordedFileRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
  status: number;
}

export interface FileServer {
  /** Base URL, no trailing slash: `${url}/some/path`. */
  url: string;
  requests: RecordedFileRequest[];
  setFile(path: string, file: Uint8Array | ServedFile): void;
  removeFile(path: string): void;
  close(): Promise<void>;
}

const CHUNK = 16 * 1024;

function normalise(file: Uint8Array | ServedFile): ServedFile & { faults: FileFault[] } {
  const served = file instanceof Uint8Array ? { body: file } : file;
  return { ...served, faults: [...(served.faults ?? [])] };
}

function etagOf(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
}

async function writeBody(res: ServerResponse, body: Uint8Array, options: { cutAfterBytes?: number; chunkDelayMs?: number }): Promise<void> {
  const limit = options.cutAfterBytes ?? body.length;
  for (let offset = 0; offset < Math.min(limit, body.length); offset += CHUNK) {
    if (res.destroyed) return;
    const end = Math.min(offset + CHUNK, limit, body.length);
    const flushed = res.write(body.subarray(offset, end));
    if (!flushed) await new Promise((resolve) => res.once('drain', resolve));
    if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
  }
  if (options.cutAfterBytes !== undefined && options.cutAfterBytes < body.length) {
    // Let the bytes reach the client, then drop the connection without finishing the response.
    await new Promise((resolve) => setTimeout(resolve, 20));
    res.socket?.destroy();
    return;
  }
  res.end();
}

export async function startFileServer(initial: Record<string, Uint8Array | ServedFile> = {}): Promise<FileServer> {
  const files = new Map(Object.entries(initial).map(([path, file]) => [path, normalise(file)]));
  const requests: RecordedFileRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://files').pathname);
    const record: RecordedFileRequest = {
      path,
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      status: 0,
    };
    requests.push(record);
    const send = (status: number, headers: Record<string, string | number>, body?: Uint8Array, options: { cutAfterBytes?: number; chunkDelayMs?: number } = {}) => {
      record.status = status;
      res.writeHead(status, headers);
      if (!body || req.method === 'HEAD') {
        res.end();
        return;
      }
      void writeBody(res, body, options);
    };

    const file = files.get(path);
    if (!file) return send(404, { 'content-type': 'text/plain' }, new TextEncoder().encode('not found'));
    const fault = file.faults.shift();
    if (fault?.status) return send(fault.status, { 'content-type': 'text/plain' }, new TextEncoder().encode(`status ${fault.status}`));

    const etag = etagOf(file.body);
    const size = file.body.length;
    const range = req.headers.range?.match(/^bytes=(\d+)-$/);
    const ifRange = req.headers['if-range'];
    const rangeHonoured = range && !file.ignoreRange && (ifRange === undefined || ifRange === etag);
    const options = { cutAfterBytes: fault?.cutAfterBytes, chunkDelayMs: file.chunkDelayMs };
    if (rangeHonoured) {
      const start = Number(range[1]);
      if (start >= size) return send(416, { 'content-range': `bytes */${size}` });
      return send(206, { 'content-length': size - start, 'content-range': `bytes ${start}-${size - 1}/${size}`, etag, 'accept-ranges': 'bytes' }, file.body.subarray(start), options);
    }
    return send(200, { 'content-length': size, etag, 'accept-ranges': file.ignoreRange ? 'none' : 'bytes' }, file.body, options);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFile: (path, file) => files.set(path, normalise(file)),
    removeFile: (path) => files.delete(path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
