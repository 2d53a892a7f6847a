// The browser host's bridge that survives a dropped connection: one WebSocket at a time (through
// src/shared/socket-bridge.ts), reopened with backoff when it closes. Event listeners stay
// registered across sockets; a request made while disconnected waits a little for the connection
// to come back before it fails. Reports the connection's state so the page can show a banner. A
// socket that closes is followed by asking the host whether this page's token is still accepted:
// when it is not (the link is wrong, or the host was restarted with a new one), no retry can help,
// so the bridge stops and says 'refused' instead of "Connecting…" forever.
import type { EarshotBridge } from '../../../shared/bridge';
import { EVENT_NAMES } from '../../../shared/channels';
import type { EventName, EventPayloads, Reply } from '../../../shared/contract';
import { createSocketBridge, type SocketBridge, type SocketLike } from '../../../shared/socket-bridge';
import { reconnectDelay } from './reconnect-delay';
import { en } from '../i18n/messages-en';

export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

/** The host's answer about this page's token; 'unknown' when it could not be asked. */
export type TokenAccess = 'accepted' | 'refused' | 'unknown';

export interface ReconnectingBridgeOptions {
  url: string;
  openSocket(url: string): SocketLike;
  onState(state: ConnectionState, reconnected: boolean): void;
  /** How long a request waits for a lost connection to return. */
  waitMs?: number;
  /** Asks the host whether the token is accepted (the page cannot see why a socket was refused). */
  checkAccess?(): Promise<TokenAccess>;
}

export interface ReconnectingBridge extends EarshotBridge {
  close(): void;
}

/** English for logs, like main's errors; banners word it from its code and variant (error-wording.ts). */
const NOT_CONNECTED: Reply<never> = { ok: false, error: { code: 'internal', params: { variant: 'notConnected' }, message: en['connection.notConnected'] } };

export function createReconnectingBridge(options: ReconnectingBridgeOptions): ReconnectingBridge {
  const waitMs = options.waitMs ?? 5_000;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let current: SocketBridge | null = null;
  let open = false;
  let everOpened = false;
  let attempt = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];

  function connect(): void {
    if (stopped) return;
    const socket = options.openSocket(options.url);
    const bridge = createSocketBridge(socket);
    current = bridge;
    for (const name of EVENT_NAMES) {
      bridge.on(name, (payload) => {
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
    socket.addEventListener('open', () => {
      open = true;
      attempt = 0;
      options.onState('open', everOpened);
      everOpened = true;
      for (const wake of waiters.splice(0)) wake();
    });
    socket.addEventListener('close', () => {
      if (current !== bridge) return;
      open = false;
      current = null;
      if (stopped) return;
      const retry = () => {
        if (stopped) return;
        options.onState(everOpened ? 'lost' : 'connecting', false);
        setTimeout(connect, reconnectDelay(attempt++));
      };
      if (!options.checkAccess) return retry();
      options.checkAccess().then((access) => {
        if (access !== 'refused') return retry();
        stopped = true;
        options.onState('refused', false);
        for (const wake of waiters.splice(0)) wake();
      }, retry);
    });
  }

  function whenOpen(): Promise<boolean> {
    if (open) return Promise.resolve(true);
    if (stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== wake);
        resolve(false);
      }, waitMs);
      waiters.push(wake);
    });
  }

  connect();

  return {
    async request(name, params) {
      if (!(await whenOpen()) || !current) return NOT_CONNECTED;
      return current.request(name, params);
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
    close() {
      stopped = true;
      current?.close();
    },
  };
}
