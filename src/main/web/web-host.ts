// The browser host: serves the built renderer over http on 127.0.0.1 and carries the
// contract over a WebSocket at /bridge on the same port, for this run's token only. Every page gets
// the same Content-Security-Policy as the Electron window.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { EarshotError } from '../../shared/errors';
import { BRIDGE_ACCESS_PATH, BRIDGE_PATH } from '../../shared/wire';
import type { ContractHandler } from '../core/runtime/contract-handler';
import { CONTENT_SECURITY_POLICY } from '../core/host/content-security-policy';
import { silentLogger, type Logger } from '../core/platform/logger';
import { checkBridgeAccess, isLoopbackHostHeader } from './access-check';
import { serveBridgeConnection } from './bridge-connection';
import { contentTypeFor } from '../core/host/content-types';
import { findStaticFile } from './static-files';

export const LOOPBACK = '127.0.0.1';
/** Largest message a page may send: a 2 s audio chunk is ~171 KB of base64. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface WebHostOptions {
  handler: ContractHandler;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port: number;
  /** Defaults to a fresh random token. */
  token?: string;
  logger?: Logger;
}

export interface WebHost {
  /** The page to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** Whether this token would be let onto the bridge (same checks as the upgrade), for the page to explain a refusal. */
function serveAccessCheck(req: IncomingMessage, res: ServerResponse, token: string): void {
  const access = checkBridgeAccess({ url: req.url ?? '', host: req.headers.host, origin: req.headers.origin, ownPort: req.socket.localPort ?? -1 }, token);
  if (!access.ok && access.status === 403) return reply(res, 403, access.reason);
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ token: access.ok ? 'accepted' : 'refused' }));
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isLoopbackHostHeader(req.headers.host)) return reply(res, 403, 'Earshot answers only on 127.0.0.1.');
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'Only GET and HEAD.');
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  const found = await findStaticFile(root, rawPath);
  if (found.kind === 'bad-request') return reply(res, 400, 'Bad path.');
  if (found.kind === 'not-found') return reply(res, 404, 'Not found.');
  const type = contentTypeFor(found.path);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': String(found.size),
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(found.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const logger = options.logger ?? silentLogger;
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new EarshotError('invalid_input', `The renderer is not built (no index.html in ${options.rendererDir}) — run \`npm run build\` first.`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('connection', (socket) => serveBridgeConnection(socket, options.handler, logger));

  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === BRIDGE_ACCESS_PATH) return serveAccessCheck(req, res, token);
    serveStatic(options.rendererDir, req, res).catch((error: unknown) => {
      logger.error('static file failed', { error: String(error) });
      if (!res.headersSent) reply(res, 500, 'Earshot could not read that file.');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const access =
      path === BRIDGE_PATH
        ? checkBridgeAccess({ url: req.url ?? '', host: req.headers.host, origin: req.headers.origin, ownPort: req.socket.localPort ?? -1 }, token)
        : ({ ok: false, status: 403, reason: 'Not a bridge path.' } as const);
    if (!access.ok) {
      const status = access.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(access.reason)}\r\n\r\n${access.reason}`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EarshotError('invalid_input', `Port ${options.port} is already in use — pick another with --port, or --port 0 for any free one.`)
          : error,
      ),
    );
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
