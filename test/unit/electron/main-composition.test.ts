// The Electron entry wired end to end against a fake `electron` module (the real binary cannot run
// here), a fake keyboard hook and the fake runtime: what a user would see from the tray, the hotkey
// and the window, without a display.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemSpec } from '../../../src/main/electron/app-tray';
import { eventChannel, REQUEST_NAMES, requestChannel } from '../../../src/shared/channels';
import type { Reply } from '../../../src/shared/contract';
import { createFakeRuntime, type FakeRuntime } from '../../support/fake-runtime';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    appListeners: new Map<string, Listener[]>(),
    quitCalls: 0,
    exitCodes: [] as number[],
    handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    windows: [] as Array<{
      options: Record<string, unknown>;
      visible: boolean;
      sent: Array<[string, unknown]>;
      listeners: Map<string, Listener[]>;
      contentsListeners: Map<string, Listener[]>;
      reloads: number;
      loaded: string | null;
    }>,
    trays: [] as Array<{ image: unknown; tooltip: string; menu: MenuItemSpec[] | null; destroyed: boolean }>,
    shortcuts: new Map<string, () => void>(),
    hook: { running: false, listeners: new Map<string, Listener>() },
    headerListener: null as Listener | null,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    /** What happened, in order: scheme registration, app ready, protocol handlers, page loads. */
    order: [] as string[],
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    record;
    webContents;
    constructor(options: Record<string, unknown>) {
      this.record = {
        options,
        visible: false,
        sent: [] as Array<[string, unknown]>,
        listeners: new Map<string, Listener[]>(),
        contentsListeners: new Map<string, Listener[]>(),
        reloads: 0,
        loaded: null as string | null,
      };
      fake.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        send: (channel: string, payload: unknown) => record.sent.push([channel, payload]),
        isDestroyed: () => false,
        on: (event: string, listener: Listener) => record.contentsListeners.set(event, [...(record.contentsListeners.get(event) ?? []), listener]),
        reload: () => {
          record.reloads += 1;
        },
      };
    }
    on(event: string, listener: Listener) {
      this.record.listeners.set(event, [...(this.record.listeners.get(event) ?? []), listener]);
    }
    once(event: string, listener: Listener) {
      this.on(event, listener);
    }
    show() {
      this.record.visible = true;
    }
    hide() {
      this.record.visible = false;
    }
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    loadFile(path: string) {
      fake.order.push(`loadFile ${path}`);
      this.record.loaded = path;
      return Promise.resolve();
    }
    loadURL(url: string) {
      fake.order.push(`loadURL ${url}`);
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  class Tray {
    record = { image: null as unknown, tooltip: '', menu: null as MenuItemSpec[] | null, destroyed: false };
    constructor(image: unknown) {
      this.record.image = image;
      fake.trays.push(this.record);
    }
    setImage(image: unknown) {
      this.record.image = image;
    }
    setToolTip(text: string) {
      this.record.tooltip = text;
    }
    setContextMenu(menu: MenuItemSpec[] | null) {
      this.record.menu = menu;
    }
    on() {}
    destroy() {
      this.record.destroyed = true;
    }
  }
  return {
    app: {
      setName: () => {},
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => fake.appListeners.set(event, [...(fake.appListeners.get(event) ?? []), listener]),
      whenReady: () => {
        fake.order.push('ready');
        return Promise.resolve();
      },
      isPackaged: false,
      getAppPath: () => process.cwd(),
      getVersion: () => '0.1.0-test',
      quit: () => {
        fake.quitCalls += 1;
      },
      exit: (code: number) => fake.exitCodes.push(code),
      getLoginItemSettings: () => ({ openAtLogin: false }),
      setLoginItemSettings: () => {},
    },
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: (items: MenuItemSpec[]) => items },
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ png: buffer.toString('base64'), addRepresentation: () => {} }) },
    dialog: { showErrorBox: () => {} },
    shell: { openPath: async () => '' },
    globalShortcut: {
      register: (accelerator: string, callback: () => void) => (fake.shortcuts.set(accelerator, callback), true),
      unregister: (accelerator: string) => fake.shortcuts.delete(accelerator),
      unregisterAll: () => fake.shortcuts.clear(),
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => fake.handlers.set(channel, listener),
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        fake.order.push('registerSchemesAsPrivileged');
        fake.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.order.push(`handle ${scheme}`);
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener: Listener) => (fake.headerListener = listener) },
        setPermissionRequestHandler: (listener: Listener) => (fake.permissionRequest = listener),
        setPermissionCheckHandler: (listener: Listener) => (fake.permissionCheck = listener),
      },
    },
  };
});

vi.mock('uiohook-napi', () => ({
  UiohookKey: { Space: 57, A: 30 },
  uIOhook: {
    start: () => (fake.hook.running = true),
    stop: () => (fake.hook.running = false),
    on: (event: string, listener: Listener) => fake.hook.listeners.set(event, listener),
    off: (event: string) => fake.hook.listeners.delete(event),
  },
}));

const runtimeBox = vi.hoisted(() => ({ runtime: null as unknown }));
vi.mock('../../../src/main/core/runtime/runtime', () => ({
  openRuntime: async () => runtimeBox.runtime,
}));

let runtime: FakeRuntime;
const window = () => fake.windows[0]!;
const tray = () => fake.trays[0]!;
const menuItem = (label: string) => tray().menu?.find((m) => m.label === label);
const ownFrame = () => ({ senderFrame: { url: window().loaded, parent: null } });
const sentOn = (event: string) => window().sent.filter(([channel]) => channel === eventChannel(event as never)).map(([, payload]) => payload);

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  process.env.XDG_SESSION_TYPE = 'x11';
  delete process.env.ELECTRON_RENDERER_URL; // the built page, not the dev server
  runtime = createFakeRuntime({ llm: { reply: 'Hello there. Nice to meet you.', perTokenMs: 2 }, tts: { realTimeFactor: 0.01 } });
  runtimeBox.runtime = runtime;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../src/main/electron/index');
  await until(() => fake.trays.length > 0 && fake.handlers.size > 0);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await runtime.close();
});

describe('Electron main, composed', () => {
  it('registers the privileged app:// scheme at load, before the app is ready', () => {
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]);
    expect(fake.order.indexOf('registerSchemesAsPrivileged')).toBe(0);
    expect(fake.order.indexOf('ready')).toBeGreaterThan(0);
  });

  it('serves app:// after ready and loads app://earshot/index.html from it, never a file', async () => {
    expect(fake.order.filter((step) => step !== 'registerSchemesAsPrivileged')).toEqual(['ready', 'handle app', 'loadURL app://earshot/index.html']);
    const serve = fake.protocolHandlers.get('app')!;
    const refused = await serve(new Request('app://earshot/%2e%2e%2fpackage.json'));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(403);
  });

  it('opens one hardened window on the built page and binds every contract channel', () => {
    expect(fake.windows).toHaveLength(1);
    expect(window().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((window().options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(window().loaded).toBe('app://earshot/index.html');
    expect([...fake.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => requestChannel(n)).sort());
    expect(fake.headerListener).not.toBeNull();
    expect(fake.permissionRequest).not.toBeNull();
    expect(fake.permissionCheck).not.toBeNull();
  });

  it('answers app.info from the page with the hold-to-talk key in effect, and refuses other frames', async () => {
    const info = (await fake.handlers.get(requestChannel('app.info'))!(ownFrame(), {})) as Reply<{ host: string; holdToTalk: boolean; hotkey: { mode: string } }>;
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', version: '0.1.0-test', holdToTalk: true, hotkey: { mode: 'hold', available: true } } });
    const refused = await fake.handlers.get(requestChannel('app.info'))!({ senderFrame: { url: 'https://evil.example/', parent: null } }, {});
    expect(refused).toMatchObject({ ok: false });
    const fromFile = await fake.handlers.get(requestChannel('app.info'))!({ senderFrame: { url: 'file:///opt/Earshot/out/renderer/index.html', parent: null } }, {});
    expect(fromFile).toMatchObject({ ok: false });
  });

  it('tells the page to start and stop capture when the global key is held and released', () => {
    expect(fake.hook.running).toBe(true);
    const down = fake.hook.listeners.get('keydown')!;
    const up = fake.hook.listeners.get('keyup')!;
    down({ keycode: 57, ctrlKey: true, shiftKey: true, altKey: false, metaKey: false });
    down({ keycode: 57, ctrlKey: true, shiftKey: true, altKey: false, metaKey: false });
    up({ keycode: 57, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false });
    expect(sentOn('hotkey')).toEqual([
      { action: 'pressed', source: 'hotkey', turnId: expect.any(String) },
      { action: 'released', source: 'hotkey' },
    ]);
  });

  it('shows the turn on the tray icon and forwards turn events to the page', async () => {
    const images = new Set<string>();
    const ask = (await fake.handlers.get(requestChannel('turn.ask'))!(ownFrame(), { text: 'hi' })) as Reply<{ turnId: string }>;
    expect(ask.ok).toBe(true);
    await until(() => {
      images.add(JSON.stringify(tray().image));
      return sentOn('turn').some((e) => (e as { type: string }).type === 'done');
    });
    await until(() => tray().tooltip.startsWith('Earshot — ready'));
    expect(images.size).toBeGreaterThanOrEqual(2);
  });

  it('stops the turn the page was in when the page reloads or crashes, and reloads a crashed page', async () => {
    const fire = (event: string, ...args: unknown[]) => window().contentsListeners.get(event)?.forEach((listener) => listener(...args));
    for (const gone of [() => fire('did-start-loading'), () => fire('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })]) {
      const begun = (await fake.handlers.get(requestChannel('turn.begin'))!(ownFrame(), {})) as Reply<{ turnId: string }>;
      expect(begun.ok).toBe(true);
      await until(() => tray().tooltip.includes('listening'));
      gone();
      await until(() => tray().tooltip.startsWith('Earshot — ready'));
      const ended = sentOn('turn').filter((e) => (e as { type: string; turnId: string }).type === 'done' && (e as { turnId: string }).turnId === (begun.ok ? begun.value.turnId : ''));
      expect(ended).toHaveLength(1);
    }
    expect(window().reloads).toBe(1); // the crash, not the reload
  });

  it('pauses the hotkey from the tray: the setting is saved and the key is released', async () => {
    menuItem('Pause hotkey')!.click!();
    expect(runtime.settings.get().hotkey.paused).toBe(true);
    expect(fake.hook.running).toBe(false);
    expect(menuItem('Pause hotkey')).toMatchObject({ checked: true });
    expect(sentOn('hotkey.status').at(-1)).toMatchObject({ paused: true });
    menuItem('Pause hotkey')!.click!();
    expect(fake.hook.running).toBe(true);
  });

  it('switches to toggle mode when the settings ask for it', async () => {
    await fake.handlers.get(requestChannel('settings.update'))!(ownFrame(), { patch: { hotkey: { mode: 'toggle', binding: 'Alt+A' } } });
    expect(fake.hook.running).toBe(false);
    expect([...fake.shortcuts.keys()]).toEqual(['Alt+A']);
    const before = sentOn('hotkey').length;
    fake.shortcuts.get('Alt+A')!();
    expect(sentOn('hotkey').slice(before)).toEqual([{ action: 'pressed', source: 'hotkey', turnId: expect.any(String) }]);
  });

  it('says once that launch at login is not available on Linux, not again on every other settings change', async () => {
    const update = fake.handlers.get(requestChannel('settings.update'))!;
    const notices = () => sentOn('notice').filter((n) => /log ?in|startup/i.test((n as { message: string }).message));
    await update(ownFrame(), { patch: { launchAtLogin: true } });
    const after = notices().length;
    await update(ownFrame(), { patch: { stt: { beamSize: 2 } } });
    await update(ownFrame(), { patch: { stt: { beamSize: 4 } } });
    expect(notices().length).toBe(after);
    if (process.platform === 'linux') expect(after).toBe(1);
  });

  it('opens settings from the tray, hides on close and quits from the tray', () => {
    menuItem('Settings')!.click!();
    expect(window().visible).toBe(true);
    expect(sentOn('ui.open')).toEqual([{ view: 'settings' }]);
    let prevented = false;
    for (const listener of window().listeners.get('close') ?? []) listener({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(window().visible).toBe(false);
    menuItem('Quit')!.click!();
    expect(fake.quitCalls).toBe(1);
  });

  it('focuses the window when a second copy is launched', () => {
    for (const listener of fake.appListeners.get('second-instance') ?? []) listener();
    expect(window().visible).toBe(true);
  });
});
