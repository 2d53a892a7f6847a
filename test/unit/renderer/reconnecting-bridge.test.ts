import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketLike } from '../../../src/shared/socket-bridge';
import { decodeWire, encodeWire } from '../../../src/shared/wire';
import { reconnectDelay } from '../../../src/renderer/src/bridge/reconnect-delay';
import { createReconnectingBridge, type ConnectionState, type TokenAccess } from '../../../src/renderer/src/bridge/reconnecting-bridge';

class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  private readonly listeners = new Map<string, ((event: { data: unknown }) => void)[]>();
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(decodeWire(data));
  }
  close(): void {
    this.drop();
  }
  fire(type: string, data?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
  open(): void {
    this.readyState = 1;
    this.fire('open');
  }
  drop(): void {
    this.readyState = 3;
    this.fire('close');
  }
  message(message: unknown): void {
    this.fire('message', encodeWire(message));
  }
}

describe('reconnecting bridge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(checkAccess?: () => Promise<TokenAccess>) {
    const sockets: FakeSocket[] = [];
    const states: [ConnectionState, boolean][] = [];
    const bridge = createReconnectingBridge({
      checkAccess,
      url: 'ws://127.0.0.1:5000/bridge?token=abc',
      openSocket: (url) => {
        expect(url).toBe('ws://127.0.0.1:5000/bridge?token=abc');
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      onState: (state, reconnected) => states.push([state, reconnected]),
      waitMs: 3_000,
    });
    return { bridge, sockets, states };
  }

  it('keeps delivering events after the connection drops and comes back, and says so', async () => {
    const { bridge, sockets, states } = setup();
    const notices: string[] = [];
    bridge.on('notice', (n) => notices.push(n.message));
    sockets[0]!.open();
    sockets[0]!.message({ event: 'notice', payload: { level: 'info', message: 'one' } });
    sockets[0]!.drop();
    expect(states).toEqual([['open', false], ['lost', false]]);
    await vi.advanceTimersByTimeAsync(reconnectDelay(0));
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    sockets[1]!.message({ event: 'notice', payload: { level: 'info', message: 'two' } });
    expect(notices).toEqual(['one', 'two']);
    expect(states.at(-1)).toEqual(['open', true]);
  });

  it('lets a request made while disconnected wait for the connection, or fail with what to do', async () => {
    const { bridge, sockets } = setup();
    const early = bridge.request('settings.get', {});
    await vi.advanceTimersByTimeAsync(10);
    sockets[0]!.open();
    await vi.advanceTimersByTimeAsync(0);
    const sent = sockets[0]!.sent[0] as { id: number; name: string };
    expect(sent.name).toBe('settings.get');
    sockets[0]!.message({ id: sent.id, reply: { ok: true, value: { language: 'en' } } });
    expect(await early).toEqual({ ok: true, value: { language: 'en' } });

    sockets[0]!.drop();
    const late = bridge.request('history.list', { limit: 5 });
    await vi.advanceTimersByTimeAsync(3_000);
    const reply = await late;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toContain('reload the page');
  });

  it('backs off up to five seconds between attempts', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => reconnectDelay(a))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('stops and says "refused" when the host turns the token away, instead of connecting for ever', async () => {
    const { bridge, sockets, states } = setup(async () => 'refused');
    const waiting = bridge.request('settings.get', {});
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual([['refused', false]]);
    // A request waiting for the connection fails at once with what to do; no socket is tried again.
    const reply = await waiting;
    expect(reply.ok).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect((await bridge.request('settings.get', {})).ok).toBe(false);
  });

  it('keeps trying when the token is accepted or the host cannot be asked (it is starting, or gone for a moment)', async () => {
    const answers: TokenAccess[] = ['accepted', 'unknown'];
    const { sockets, states } = setup(async () => answers.shift() ?? 'accepted');
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(reconnectDelay(0));
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(reconnectDelay(1));
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    expect(states).toEqual([['connecting', false], ['connecting', false], ['open', false]]);
  });
});
