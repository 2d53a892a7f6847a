import { afterEach, describe, expect, it } from 'vitest';
import { createContractHandler, type ContractHandler } from '../../../src/main/core/runtime/contract-handler';
import { bindContractIpc, forwardEvents, isTrustedSender, type InvokeEvent, type IpcMainLike } from '../../../src/main/electron/ipc-binding';
import { rendererLocation } from '../../../src/main/electron/renderer-location';
import { EVENT_NAMES, eventChannel, REQUEST_NAMES, requestChannel } from '../../../src/shared/channels';
import type { Reply } from '../../../src/shared/contract';
import { createFakeRuntime, type FakeRuntime } from '../../support/fake-runtime';

const location = rendererLocation(undefined);
const page = 'app://earshot/index.html';

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<Reply<unknown>>>();
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<Reply<unknown>>) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, payload: unknown, frame: InvokeEvent['senderFrame'] = { url: page, parent: null }) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame }, payload);
  }
}

let runtime: FakeRuntime | null = null;
let handler: ContractHandler;
afterEach(async () => {
  handler?.dispose();
  await runtime?.close();
  runtime = null;
});

function setup() {
  const fake = createFakeRuntime();
  runtime = fake;
  handler = createContractHandler(fake);
  const ipc = new FakeIpcMain();
  const refused: string[] = [];
  const unbind = bindContractIpc(ipc, handler, location, (url) => refused.push(url));
  return { ipc, refused, unbind };
}

describe('IPC sender check', () => {
  it('trusts only our page’s top frame', () => {
    expect(isTrustedSender({ url: page, parent: null }, location)).toBe(true);
    expect(isTrustedSender({ url: page, parent: { url: page } }, location)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, location)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, location)).toBe(false);
    // The built page used to be a file:// URL; a file page is never trusted now.
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', parent: null }, location)).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null }, location)).toBe(false);
    expect(isTrustedSender({ url: 'app://earshot/vad/vad.worklet.bundle.min.js', parent: null }, location)).toBe(false);
    expect(isTrustedSender(null, location)).toBe(false);
  });
});

describe('IPC binding', () => {
  it('registers one channel per contract request and removes them all', () => {
    const { ipc, unbind } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => requestChannel(n)).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers our page through the contract handler', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(requestChannel('settings.get'), {})).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await ipc.invoke(requestChannel('turn.ask'), { text: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses requests from other pages, subframes and destroyed frames without running them', async () => {
    const { ipc, refused } = setup();
    const before = runtime!.settings.get().stt.beamSize;
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: page, parent: {} }, null]) {
      const reply = await ipc.invoke(requestChannel('settings.update'), { patch: { stt: { beamSize: 1 } } }, frame);
      expect(reply).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/own window/) } });
    }
    expect(runtime!.settings.get().stt.beamSize).toBe(before);
    expect(refused).toEqual(['https://evil.example/', page, '(destroyed frame)']);
  });

  it('sends events to the window on their contract channels, and stops when it is gone', async () => {
    setup();
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const stop = forwardEvents(handler, { send: (channel, payload) => sent.push([channel, payload]), isDestroyed: () => destroyed });
    handler.emit('hotkey', { action: 'pressed', source: 'hotkey' });
    runtime!.emitNotice('info', 'hello');
    expect(sent).toEqual([
      [eventChannel('hotkey'), { action: 'pressed', source: 'hotkey' }],
      [eventChannel('notice'), { level: 'info', message: 'hello' }],
    ]);
    destroyed = true;
    handler.emit('ui.open', { view: 'settings' });
    expect(sent).toHaveLength(2);
    stop();
    expect(EVENT_NAMES.map((e) => eventChannel(e))).toContain('earshot:event:turn');
  });
});
