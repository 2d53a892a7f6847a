// An EarshotBridge over a WebSocket (the browser host): requests go out as {id, name, params},
// replies come back as {id, reply}, events as {event, payload}, all in the wire format. Works with
// the browser's WebSocket and with the `ws` package (both have addEventListener and readyState).
import type { EarshotBridge } from './bridge';
import type { EventName, EventPayloads, Reply } from './contract';
import { decodeWire, encodeWire, parseHostMessage } from './wire';

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const CONNECTING = 0;
const OPEN = 1;

const LOST_MESSAGE = 'Lost the connection to Earshot — check that `npm run web` is still running, then reload the page.';
const LOST: Reply<never> = { ok: false, error: { code: 'internal', message: LOST_MESSAGE } };

export interface SocketBridge extends EarshotBridge {
  /** Resolves when the socket is open; rejects when it closed first. */
  readonly opened: Promise<void>;
  close(): void;
}

/** The WebSocket URL for a page served by the browser host: same host, /bridge, the page's token. */
export function bridgeUrl(pageUrl: string, path = '/bridge'): string {
  const page = new URL(pageUrl);
  const url = new URL(path, page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = page.searchParams.get('token');
  url.search = '';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

export function createSocketBridge(socket: SocketLike): SocketBridge {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const opened = new Promise<void>((resolve, reject) => {
    if (socket.readyState === OPEN) resolve();
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', () => reject(new Error(LOST_MESSAGE)));
  });
  opened.catch(() => undefined);

  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(LOST);
    pending.clear();
  });

  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let message;
    try {
      message = parseHostMessage(decodeWire(event.data));
    } catch {
      return;
    }
    if (!message) return;
    if (message.kind === 'response') {
      const resolve = typeof message.id === 'number' ? pending.get(message.id) : undefined;
      if (!resolve) return;
      pending.delete(message.id as number);
      resolve(message.reply);
      return;
    }
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
  });

  return {
    opened,
    close: () => socket.close(),
    async request(name, params) {
      if (socket.readyState === CONNECTING) await opened.catch(() => undefined);
      if (closed || socket.readyState !== OPEN) return LOST;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (reply: Reply<unknown>) => void);
        socket.send(encodeWire({ id, name, params }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
