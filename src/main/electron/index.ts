// Electron entry: composes the runtime, the contract over IPC, the hardened window served from
// app://earshot, the tray and the global push-to-talk key. Every piece lives in its own file and
// takes Electron's objects as parameters; this file only wires them.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, type NativeImage, protocol, session, shell, Tray } from 'electron';
import type { Settings } from '../../shared/settings';
import { toErrorInfo } from '../../shared/errors';
import { createContractHandler } from '../core/runtime/contract-handler';
import { streamLogger } from '../core/platform/logger';
import { APP_NAME, resolvePaths } from '../core/platform/paths';
import { openRuntime } from '../core/runtime/runtime';
import { bundledWakeWorker } from '../core/engines/wake/bundled-wake-worker';
import { serveRenderer } from './app-protocol';
import { registerAppScheme } from './app-scheme';
import { documentRequests } from './document-requests';
import { QuotedPaths } from '../core/knowledge/quoted-paths';
import { AppTray } from './app-tray';
import { createMainWindow, hideOnClose, QuitIntent, reveal } from './app-window';
import { installContentSecurityPolicy, policyFor } from './csp-header';
import { GlobalHotkey, type LoadedHook } from './global-hotkey';
import { bindContractIpc, forwardEvents } from './ipc-binding';
import { applyLaunchAtLogin, launchedAtLogin } from './login-item';
import { guardNavigation } from './navigation-guard';
import { installPermissionPolicy } from './permission-policy';
import { PushToTalkController } from './push-to-talk-controller';
import { rendererLocation } from './renderer-location';
import { trayIconPng } from './tray-icons';
import { TRAY_STATES, type TrayState } from './tray-state';

// The one thing done at module load, because Electron requires it: privileged schemes can only be
// registered before app 'ready'. Here rather than inside main(), so no await added to main() can
// ever move it past 'ready'.
registerAppScheme(protocol);

const logger = streamLogger((line) => process.stderr.write(line), 'info');

async function keyboardHook(): Promise<() => LoadedHook> {
  try {
    const { uIOhook, UiohookKey } = await import('uiohook-napi');
    const hook = {
      start: () => uIOhook.start(),
      stop: () => uIOhook.stop(),
      on: (event: 'keydown' | 'keyup', listener: Parameters<LoadedHook['hook']['on']>[1]) => uIOhook.on(event as 'keydown', listener),
      off: (event: 'keydown' | 'keyup', listener: Parameters<LoadedHook['hook']['off']>[1]) => uIOhook.off(event, listener),
    };
    return () => ({ hook, keyCodes: UiohookKey as Readonly<Record<string, number>> });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return () => {
      throw new Error(`the keyboard hook did not load: ${reason}`);
    };
  }
}

function trayImages(): Record<TrayState, NativeImage> {
  const images = {} as Record<TrayState, NativeImage>;
  for (const state of TRAY_STATES) {
    const image = nativeImage.createFromBuffer(trayIconPng(state, 16));
    image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, 32) });
    images[state] = image;
  }
  return images;
}

async function main(): Promise<void> {
  app.setName(APP_NAME);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const quit = new QuitIntent();
  let window: BrowserWindow | null = null;
  // Opened again while still starting (e.g. after a hidden launch at login): show it once it exists.
  let revealWhenCreated = false;
  const revealOrRemember = () => (window ? reveal(window) : (revealWhenCreated = true));
  app.on('second-instance', revealOrRemember);
  app.on('activate', revealOrRemember);
  app.on('before-quit', () => quit.markQuitting());
  app.on('window-all-closed', () => undefined); // stays in the tray

  // The built page on app://earshot, or the dev server under `electron-vite dev` (checked before anything opens).
  const location = rendererLocation(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
  const loadHook = await keyboardHook();
  await app.whenReady();

  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const runtime = await openRuntime({ paths: resolvePaths({ env: process.env }), env: process.env, warmCaches: true, resourcesDir, logger, spawnWakeWorker: bundledWakeWorker(__dirname) }).catch((error: unknown) => {
    dialog.showErrorBox('Earshot could not start', toErrorInfo(error).message);
    app.exit(1);
    throw error;
  });

  serveRenderer(protocol, location, {
    rendererDir: join(__dirname, '../renderer'),
    policy: policyFor(location),
    onRefused: (url, status, reason) => logger.warn('app:// request refused', { url, status, reason }),
  });
  installContentSecurityPolicy(session.defaultSession.webRequest, location);
  installPermissionPolicy(session.defaultSession, location, (permission, url) => logger.warn('permission denied', { permission, url }));
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, location, (url) => logger.warn('navigation blocked', { url })));

  const ptt = new PushToTalkController({
    tellRenderer: (event) => handler.emit('hotkey', event),
    cancelTurn: (turnId) => runtime.assistant.cancel(turnId),
  });
  const hotkey = new GlobalHotkey({ shortcuts: globalShortcut, loadHook, platform: process.platform, env: process.env, onEvent: (event) => ptt.handle(event), logger });
  const quoted = new QuotedPaths(500, (path) => runtime.knowledge?.wasQuoted(path) ?? false);
  runtime.assistant.onEvent(quoted.record);
  const handler = createContractHandler(runtime, {
    logger,
    desktop: documentRequests({ library: () => runtime.knowledge, quoted, dialog, shell, window: () => window, title: APP_NAME }),
    appInfo: () => ({
      name: APP_NAME,
      version: app.getVersion(),
      platform: process.platform,
      host: 'electron',
      holdToTalk: hotkey.holdToTalkPossible(),
      hotkey: hotkey.status(),
    }),
  });
  bindContractIpc(ipcMain, handler, location, (url) => logger.warn('IPC request refused', { url }));

  window = createMainWindow(BrowserWindow, join(__dirname, '../preload/index.cjs'), APP_NAME);
  const shown = window;
  hideOnClose(shown, quit);
  // Launched at login: stay in the tray, unless Earshot was opened again meanwhile.
  if (revealWhenCreated || !launchedAtLogin(app, process.argv, process.platform)) shown.once('ready-to-show', () => reveal(shown));
  forwardEvents(handler, shown.webContents);
  shown.loadURL(location.url).catch((error: unknown) => logger.error('the page did not load', { url: location.url, error: toErrorInfo(error).message }));
  // The page went away (a reload, a crash): its microphone and its audio went with it, so the turn
  // it was in can never end; stop it, as the browser host does when its socket closes. After a
  // crash, load the page again rather than leave a blank window (at most three times a minute).
  const restarts: number[] = [];
  shown.webContents.on('did-start-loading', () => runtime.assistant.cancel());
  shown.webContents.on('render-process-gone', (_event, details) => {
    runtime.assistant.cancel();
    logger.error('the page stopped', { reason: details.reason });
    const now = Date.now();
    restarts.splice(0, restarts.length, ...restarts.filter((at) => now - at < 60_000), now);
    if (details.reason !== 'clean-exit' && restarts.length <= 3) shown.webContents.reload();
  });

  const images = trayImages();
  const tray = new AppTray(
    {
      createTray: (image: NativeImage) => new Tray(image),
      buildMenu: (items) => Menu.buildFromTemplate(items),
      image: (state) => images[state],
      timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      actions: {
        talk: () => ptt.handle({ type: 'press', source: 'tray' }),
        show: () => reveal(shown),
        settings: () => {
          reveal(shown);
          handler.emit('ui.open', { view: 'settings' });
        },
        setPaused: (paused) => {
          try {
            runtime.settings.update({ hotkey: { paused } });
          } catch (error) {
            logger.error('could not save the hotkey pause', { error: toErrorInfo(error).message });
          }
        },
        quit: () => {
          quit.markQuitting();
          app.quit();
        },
        setHandsFree: (on) => {
          try {
            runtime.settings.update({ listening: { handsFree: on } });
          } catch (error) {
            logger.error('could not save the hands-free switch', { error: toErrorInfo(error).message });
          }
        },
      },
    },
    hotkey.status(),
  );
  const showListening = () => tray.setListening(runtime.settings.get().listening.handsFree, runtime.handsFree.current);
  showListening();
  runtime.handsFree.onState(showListening);
  runtime.settings.onChange(showListening);
  runtime.assistant.onEvent((event) => {
    tray.onTurnEvent(event);
    ptt.handle({ type: 'assistant', event });
  });

  let applied = '';
  let loginItem: boolean | null = null;
  const applySettings = (settings: Settings, announce: boolean) => {
    const key = JSON.stringify(settings.hotkey);
    if (key !== applied) {
      applied = key;
      const status = hotkey.apply(settings.hotkey);
      ptt.handle({ type: 'pause', paused: settings.hotkey.paused });
      tray.setHotkey(status);
      handler.emit('hotkey.status', status);
    }
    // Only when that setting itself changed: other edits must not repeat its notice.
    if (settings.launchAtLogin !== loginItem) {
      loginItem = settings.launchAtLogin;
      const note = applyLaunchAtLogin(app, settings.launchAtLogin, process.platform);
      if (note && announce) handler.emit('notice', { level: 'info', message: note });
    }
  };
  applySettings(runtime.settings.get(), false);
  runtime.settings.onChange((settings) => applySettings(settings, true));

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    hotkey.dispose();
    globalShortcut.unregisterAll();
    tray.dispose();
    handler.dispose();
    void runtime.close().finally(() => app.exit(0));
  });
}

main().catch((error: unknown) => {
  logger.error('Earshot failed to start', { error: error instanceof Error ? error.stack : String(error) });
  app.exit(1);
});
