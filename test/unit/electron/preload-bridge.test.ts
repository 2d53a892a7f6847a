import { describe, expect, it, vi } from 'vitest';
import { createIpcBridge, type IpcRendererLike } from '../../../src/preload/ipc-bridge';
import { eventChannel, requestChannel } from '../../../src/shared/channels';

class FakeIpcRenderer implements IpcRendererLike {
  invoked: Array<[string, unknown]> = [];
  listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  answer: (channel: string, payload: unknown) => Promise<unknown> = async () => ({ ok: true, value: null });
  invoke(channel: string, payload: unknown) {
    this.invoked.push([channel, payload]);
    return this.answer(channel, payload);
  }
  on(channel: string, listener: (event: unknown, payload: unknown) => void) {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
    this.listeners.get(channel)?.delete(listener);
  }
  emit(channel: string, payload: unknown) {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'the ipcRenderer itself' }, payload);
  }
}

describe('preload bridge', () => {
  it('invokes the contract channel for a request and returns its reply', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async () => ({ ok: true, value: { turnId: 't1' } });
    const bridge = createIpcBridge(ipc);
    const samples = new Float32Array([0.5]);
    expect(await bridge.request('turn.ask', { text: 'hi' })).toEqual({ ok: true, value: { turnId: 't1' } });
    await bridge.request('turn.audio', { turnId: 't1', samples });
    expect(ipc.invoked).toEqual([
      [requestChannel('turn.ask'), { text: 'hi' }],
      [requestChannel('turn.audio'), { turnId: 't1', samples }],
    ]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createIpcBridge(ipc);
    expect(await bridge.request('fs.readFile' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ipc.invoked).toEqual([]);
    expect(bridge.on('not-an-event' as never, () => {})).toBeTypeOf('function');
    expect(ipc.listeners.size).toBe(0);
  });

  it('turns a failed invoke into an error reply instead of a rejection', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = () => Promise.reject(new Error("No handler registered for 'earshot:request:app.info'"));
    expect(await createIpcBridge(ipc).request('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/restart Earshot/) } });
  });

  it('delivers event payloads only (never the IPC event) and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createIpcBridge(ipc);
    const got: unknown[][] = [];
    const off = bridge.on('hotkey', (...args) => got.push(args));
    ipc.emit(eventChannel('hotkey'), { action: 'pressed', source: 'hotkey' });
    expect(got).toEqual([[{ action: 'pressed', source: 'hotkey' }]]);
    off();
    ipc.emit(eventChannel('hotkey'), { action: 'released', source: 'hotkey' });
    expect(got).toHaveLength(1);
    expect(ipc.listeners.get(eventChannel('hotkey'))?.size).toBe(0);
  });

  it('exposes window.earshot with request and on only, never ipcRenderer, and window.earshotFiles with pathOf only', async () => {
    vi.resetModules();
    const exposed: Record<string, unknown> = {};
    const ipc = new FakeIpcRenderer();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: ipc,
      webUtils: { getPathForFile: () => '/home/ana/notes.md' },
    }));
    await import('../../../src/preload/index');
    expect(Object.keys(exposed)).toEqual(['earshot', 'earshotFiles']);
    const files = exposed.earshotFiles as Record<string, (file: unknown) => string>;
    expect(Object.keys(files)).toEqual(['pathOf']);
    expect(files.pathOf!({})).toBe('/home/ana/notes.md');
    const api = exposed.earshot as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['on', 'request']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(ipc);
    await (api.request as (n: string, p: unknown) => Promise<unknown>)('settings.get', {});
    expect(ipc.invoked).toEqual([[requestChannel('settings.get'), {}]]);
    vi.doUnmock('electron');
  });
});
