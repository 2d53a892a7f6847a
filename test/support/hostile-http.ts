// A loopback HTTP server that misbehaves the ways an attacker's or a broken mirror would: goes
// silent after a few bytes, streams without end (no Content-Length), or redirects elsewhere.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HostileHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHostileServer(routes: Record<string, HostileHandler>): Promise<HostileServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end('not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends the headers and `bytes` bytes, then nothing, keeping the connection open. */
export function goesSilent(bytes: number, announced?: number): HostileHandler {
  return (_req, res) => {
    res.writeHead(200, announced === undefined ? {} : { 'content-length': announced });
    res.write(new Uint8Array(bytes));
  };
}

/** Streams zeros in 64 kB chunks without a Content-Length until the client goes away. */
export function neverEnds(): HostileHandler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = new Uint8Array(64 * 1024);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
}

/** Redirects to `location(port)`, given this server's port. */
export function redirectsTo(location: (port: number) => string): HostileHandler {
  return (req, res) => {
    res.writeHead(302, { location: location(req.socket.localPort ?? 0) }).end();
  };
}

export function serves(body: Uint8Array): HostileHandler {
  return (_req, res) => {
    res.writeHead(200, { 'content-length': body.length }).end(body);
  };
}
