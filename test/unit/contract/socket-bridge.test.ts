import { describe, expect, it } from 'vitest';
import { bridgeUrl, createSocketBridge, type SocketLike } from '../../../src/shared/socket-bridge';
import { decodeWire, encodeWire } from '../../../src/shared/wire';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private listeners = new Map<string, Array<(event: { data: unknown }) => void>>();
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.fire('close');
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, event: { data: unknown } = { data: undefined }) {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  open() {
    this.readyState = 1;
    this.fire('open');
  }
  reply(message: unknown) {
    this.fire('message', { data: encodeWire(message) });
  }
}

describe('socket bridge', () => {
  it('derives the WebSocket URL from the page URL, keeping only the token', () => {
    expect(bridgeUrl('http://127.0.0.1:5190/?token=abc&x=1#top')).toBe('ws://127.0.0.1:5190/bridge?token=abc');
    expect(bridgeUrl('http://localhost:8080/index.html')).toBe('ws://localhost:8080/bridge');
  });

  it('waits for the socket to open, matches replies to requests by id and decodes audio', async () => {
    const socket = new FakeSocket();
    const bridge = createSocketBridge(socket);
    const first = bridge.request('turn.begin', {});
    const second = bridge.request('settings.get', {});
    socket.open();
    await bridge.opened;
    await new Promise((r) => setTimeout(r, 0));
    const sent = socket.sent.map((s) => decodeWire(s) as { id: number; name: string });
    expect(sent.map((s) => s.name)).toEqual(['turn.begin', 'settings.get']);
    socket.reply({ id: sent[1]?.id, reply: { ok: true, value: 'settings' } });
    socket.reply({ id: sent[0]?.id, reply: { ok: true, value: { turnId: 't' } } });
    expect(await first).toEqual({ ok: true, value: { turnId: 't' } });
    expect(await second).toEqual({ ok: true, value: 'settings' });
    const audio: Float32Array[] = [];
    const off = bridge.on('turn', (e) => e.type === 'audio' && audio.push(e.samples));
    socket.reply({ event: 'turn', payload: { type: 'audio', turnId: 't', sentence: 0, seq: 0, sampleRate: 22050, samples: new Float32Array([0.25, -1]) } });
    off();
    socket.reply({ event: 'turn', payload: { type: 'audio', turnId: 't', sentence: 0, seq: 1, sampleRate: 22050, samples: new Float32Array([1]) } });
    expect(audio).toEqual([new Float32Array([0.25, -1])]);
    socket.fire('message', { data: '{garbage' }); // ignored, no throw
  });

  it('answers pending and later requests with a lost-connection error when the socket closes', async () => {
    const socket = new FakeSocket();
    socket.readyState = 1;
    const bridge = createSocketBridge(socket);
    const pending = bridge.request('app.info', {});
    socket.close();
    expect(await pending).toMatchObject({ ok: false, error: { message: expect.stringMatching(/npm run web/) } });
    expect(await bridge.request('app.info', {})).toMatchObject({ ok: false });
    await expect(bridge.opened).resolves.toBeUndefined();
  });
});
