import { describe, expect, it } from 'vitest';
import { createMainWindow, hideOnClose, QuitIntent, reveal, type MainWindowOptions, type WindowLike } from '../../../src/main/electron/app-window';
import { policyFor, withPolicy } from '../../../src/main/electron/csp-header';
import { applyLaunchAtLogin, launchedAtLogin } from '../../../src/main/electron/login-item';
import { guardNavigation, mayNavigate, type GuardedContents, type PreventableEvent } from '../../../src/main/electron/navigation-guard';
import { allowPermissionCheck, allowPermissionRequest, installPermissionPolicy, type PermissionSession } from '../../../src/main/electron/permission-policy';
import { isOwnPage, isOwnResource, rendererLocation } from '../../../src/main/electron/renderer-location';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/core/host/content-security-policy';

const built = rendererLocation(undefined);
const page = 'app://earshot/index.html';
const dev = rendererLocation('http://localhost:5173/');

describe('our page', () => {
  it('is app://earshot/index.html when built, the dev server when ELECTRON_RENDERER_URL is set', () => {
    expect(built).toEqual({ kind: 'app', url: page, origin: 'app://earshot' });
    expect(dev).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('is the built index.html (any query or hash) or the dev server origin, nothing else', () => {
    expect(isOwnPage(page, built)).toBe(true);
    expect(isOwnPage('app://earshot/', built)).toBe(true);
    expect(isOwnPage(`${page}?token=1#settings`, built)).toBe(true);
    expect(isOwnPage('app://earshot/other.html', built)).toBe(false);
    expect(isOwnPage('app://other/index.html', built)).toBe(false);
    expect(isOwnPage('app://earshot:8080/index.html', built)).toBe(false);
    expect(isOwnPage('app://user:pw@earshot/index.html', built)).toBe(false);
    expect(isOwnPage('https://example.com/index.html', built)).toBe(false);
    expect(isOwnPage('not a url', built)).toBe(false);
    expect(isOwnPage('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isOwnPage('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnPage(page, dev)).toBe(false);
    expect(isOwnResource('app://earshot/vad/ort-wasm-simd-threaded.wasm', built)).toBe(true);
    expect(isOwnResource('app://evil/vad/ort.wasm', built)).toBe(false);
    expect(isOwnResource('http://localhost:5173/vad/silero_vad_v5.onnx', dev)).toBe(true);
  });

  it('never counts a file:// page as ours any more (its origin is opaque)', () => {
    const oldPage = 'file:///opt/Earshot/out/renderer/index.html';
    expect(isOwnPage(oldPage, built)).toBe(false);
    expect(isOwnPage('file:///etc/passwd', built)).toBe(false);
    expect(isOwnResource('file:///opt/Earshot/out/renderer/vad/ort.wasm', built)).toBe(false);
    expect(isOwnPage(oldPage, dev)).toBe(false);
  });

  it('refuses a dev server address that is not http(s), with a way out', () => {
    expect(() => rendererLocation('file:///tmp/index.html')).toThrow(/http\(s\) address of the electron-vite dev server.*unset it/);
    expect(() => rendererLocation('not a url')).toThrow(/ELECTRON_RENDERER_URL/);
  });
});

class FakeContents implements GuardedContents {
  listeners = new Map<string, (event: PreventableEvent, url?: string) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: (event: PreventableEvent, url?: string) => void) {
    this.listeners.set(event, listener);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  fire(event: string, url = '') {
    let prevented = false;
    this.listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('navigation guard', () => {
  it('prevents navigation away from our page and denies every new window', () => {
    const contents = new FakeContents();
    const blocked: string[] = [];
    guardNavigation(contents, built, (url) => blocked.push(url));
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///home/user/.ssh/id_rsa')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///opt/Earshot/out/renderer/index.html')).toBe(true);
    expect(contents.fire('will-navigate', 'app://earshot/vad/silero_vad_v5.onnx')).toBe(true);
    expect(contents.fire('will-navigate', 'app://elsewhere/index.html')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(contents.fire('will-navigate', `${page}#reload`)).toBe(false);
    expect(contents.fire('will-navigate', 'app://earshot/')).toBe(false);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: page })).toEqual({ action: 'deny' });
    expect(blocked).toContain('https://evil.example/');
    expect(mayNavigate('javascript:alert(1)', built)).toBe(false);
    // Electron's details object carries the URL as well; it wins over the (deprecated) argument.
    let prevented = false;
    contents.listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true), url: 'https://evil.example/' }, page);
    expect(prevented).toBe(true);
  });
});

describe('permissions', () => {
  const request = (permission: string, requestingUrl: string, mediaTypes?: Array<'audio' | 'video'>, isMainFrame = true) =>
    allowPermissionRequest(permission, { requestingUrl, mediaTypes, isMainFrame }, built);

  it('grants the microphone to our page only', () => {
    expect(request('media', page, ['audio'])).toBe(true);
    expect(request('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(request('media', 'file:///tmp/other.html', ['audio'])).toBe(false);
    expect(request('media', 'file:///opt/Earshot/out/renderer/index.html', ['audio'])).toBe(false);
    expect(request('media', 'app://other/index.html', ['audio'])).toBe(false);
    expect(request('media', page, ['audio'], false)).toBe(false);
  });

  it('denies the camera, screen, geolocation, notifications and the rest, even to our page', () => {
    expect(request('media', page, ['video'])).toBe(false);
    expect(request('media', page, ['audio', 'video'])).toBe(false);
    expect(request('media', page, [])).toBe(false);
    expect(request('media', page)).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'midiSysex', 'openExternal', 'fullscreen', 'unknown']) {
      expect(request(permission, page, ['audio']), permission).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    expect(allowPermissionCheck('media', { requestingUrl: page, isMainFrame: true, mediaType: 'audio' }, built)).toBe(true);
    expect(allowPermissionCheck('media', { requestingUrl: page, isMainFrame: true, mediaType: 'video' }, built)).toBe(false);
    expect(allowPermissionCheck('media', { requestingUrl: 'https://evil.example', isMainFrame: true, mediaType: 'audio' }, built)).toBe(false);
    expect(allowPermissionCheck('media', { isMainFrame: true, mediaType: 'audio' }, built)).toBe(false);
    expect(allowPermissionCheck('notifications', { requestingUrl: page, isMainFrame: true }, built)).toBe(false);
  });

  it('installs both handlers on the session', () => {
    let requestHandler: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
    let checkHandler: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
    const denied: string[] = [];
    installPermissionPolicy(
      { setPermissionRequestHandler: (h) => (requestHandler = h), setPermissionCheckHandler: (h) => (checkHandler = h) },
      built,
      (permission) => denied.push(permission),
    );
    const answers: boolean[] = [];
    requestHandler!(null, 'media', (granted) => answers.push(granted), { requestingUrl: page, isMainFrame: true, mediaTypes: ['audio'] });
    requestHandler!(null, 'geolocation', (granted) => answers.push(granted), { requestingUrl: page, isMainFrame: true });
    expect(answers).toEqual([true, false]);
    expect(denied).toEqual(['geolocation']);
    expect(checkHandler!(null, 'media', 'app://earshot', { requestingUrl: page, isMainFrame: true, mediaType: 'audio' })).toBe(true);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and wasm, and nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self' blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("media-src 'self' blob:");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|'unsafe-eval'|\*/);
  });

  it('is set on our page and files, replacing any other policy, and leaves other responses alone', () => {
    const headers = withPolicy({ url: page, responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, built);
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withPolicy({ url: 'app://earshot/vad/ort-wasm-simd-threaded.mjs' }, built)?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(withPolicy({ url: 'https://example.com/' }, built)).toBeUndefined();
    expect(withPolicy({ url: 'file:///opt/Earshot/out/renderer/index.html' }, built)).toBeUndefined();
    expect(withPolicy({ url: 'http://localhost:5173/src/main.tsx' }, dev)?.['Content-Security-Policy']).toEqual([policyFor(dev)]);
  });

  it('lets the dev server’s hot reload through only in dev', () => {
    expect(policyFor(dev)).toContain('ws://localhost:5173');
    expect(policyFor(built)).toBe(CONTENT_SECURITY_POLICY);
  });
});

class FakeWindow implements WindowLike {
  closeListener: ((event: { preventDefault(): void }) => void) | null = null;
  visible = true;
  minimized = false;
  focused = false;
  on(_event: 'close', listener: (event: { preventDefault(): void }) => void) {
    this.closeListener = listener;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return false;
  }
  close() {
    let prevented = false;
    this.closeListener?.({ preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

describe('window', () => {
  it('is sandboxed with context isolation, no Node and web security on', () => {
    class FakeBrowserWindow {
      constructor(readonly options: MainWindowOptions) {}
    }
    const window = createMainWindow(FakeBrowserWindow, '/p/index.cjs', 'Earshot');
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      nodeIntegrationInWorker: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('hides to the tray on close, and really closes when quitting', () => {
    const window = new FakeWindow();
    const intent = new QuitIntent();
    hideOnClose(window, intent);
    expect(window.close()).toBe(false);
    expect(window.visible).toBe(false);
    reveal(window);
    expect(window.visible && window.focused).toBe(true);
    intent.markQuitting();
    expect(window.close()).toBe(true);
  });

  it('restores a minimized window when revealed (second launch)', () => {
    const window = new FakeWindow();
    window.minimized = true;
    reveal(window);
    expect(window.minimized).toBe(false);
  });
});

describe('launch at login', () => {
  /** Electron on Windows: openAtLogin is true only when asked with the arguments the entry was registered with. */
  function windowsApp() {
    const calls: unknown[] = [];
    let registered: string[] | null = null;
    return {
      calls,
      registered: () => registered,
      setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }) {
        calls.push(s);
        registered = s.openAtLogin ? (s.args ?? []) : null;
      },
      getLoginItemSettings: (o: { args?: string[] } = {}) => ({ openAtLogin: registered !== null && JSON.stringify(registered) === JSON.stringify(o.args ?? []) }),
    };
  }

  it('on Windows, registers with --hidden and can be turned off again', () => {
    const app = windowsApp();
    expect(applyLaunchAtLogin(app, true, 'win32')).toBeNull();
    expect(app.registered()).toEqual(['--hidden']);
    expect(applyLaunchAtLogin(app, true, 'win32')).toBeNull();
    expect(app.calls).toHaveLength(1); // already on: nothing to do
    expect(applyLaunchAtLogin(app, false, 'win32')).toBeNull();
    expect(app.registered()).toBeNull();
    expect(launchedAtLogin(app, ['Earshot.exe', '--hidden'], 'win32')).toBe(true);
    expect(launchedAtLogin(app, ['Earshot.exe'], 'win32')).toBe(false);
  });

  it('on macOS, registers the login item and starts hidden when opened at login', () => {
    const calls: unknown[] = [];
    let atLogin = false;
    const app = { setLoginItemSettings: (s: unknown) => calls.push(s), getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: atLogin }) };
    expect(applyLaunchAtLogin(app, true, 'darwin')).toBeNull();
    expect(calls).toEqual([{ openAtLogin: true }]);
    expect(launchedAtLogin(app, ['Earshot'], 'darwin')).toBe(false);
    atLogin = true;
    expect(launchedAtLogin(app, ['Earshot'], 'darwin')).toBe(true);
  });

  it('explains Linux', () => {
    const app = windowsApp();
    expect(applyLaunchAtLogin(app, true, 'linux')).toMatch(/startup applications/);
    expect(applyLaunchAtLogin(app, false, 'linux')).toBeNull();
    expect(app.calls).toEqual([]);
  });
});
