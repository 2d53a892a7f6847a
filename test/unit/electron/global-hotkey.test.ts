import { describe, expect, it } from 'vitest';
import { GlobalHotkey, isWayland, type KeyHook } from '../../../src/main/electron/global-hotkey';
import { isBindingDown, isBindingUp, parseBinding, type RawKeyEvent } from '../../../src/main/electron/hotkey-binding';
import type { PushToTalkEvent } from '../../../src/main/electron/push-to-talk';
import { silentLogger } from '../../../src/main/core/platform/logger';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const KEYS = { Space: 57, A: 30, F9: 67, Enter: 28, Comma: 51, Numpad1: 79 };

const key = (keycode: number, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}): RawKeyEvent => ({
  keycode,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('hotkey bindings', () => {
  it('parses accelerators into a key and modifiers, per platform', () => {
    expect(parseBinding('CommandOrControl+Shift+Space', KEYS, 'linux')).toEqual({ keycode: 57, modifiers: { ctrl: true, alt: false, shift: true, meta: false } });
    expect(parseBinding('CommandOrControl+Shift+Space', KEYS, 'darwin')).toEqual({ keycode: 57, modifiers: { ctrl: false, alt: false, shift: true, meta: true } });
    expect(parseBinding('Alt+a', KEYS, 'linux')).toMatchObject({ keycode: 30, modifiers: { alt: true } });
    expect(parseBinding('F9', KEYS, 'win32')).toMatchObject({ keycode: 67 });
    expect(parseBinding('Ctrl+Return', KEYS, 'linux')).toMatchObject({ keycode: 28 });
    expect(parseBinding('Ctrl+,', KEYS, 'linux')).toMatchObject({ keycode: 51 });
    expect(parseBinding('num1', KEYS, 'linux')).toMatchObject({ keycode: 79 });
  });

  it('rejects bindings the hook cannot watch', () => {
    for (const binding of ['Ctrl+Shift', 'Ctrl+A+Space', 'Ctrl+MediaPlayPause', 'Ctrl++', '', 'Ctrl+Plus']) {
      expect(parseBinding(binding, KEYS, 'linux'), binding).toBeNull();
    }
  });

  it('matches key-down with exactly the modifiers, key-up on the key alone', () => {
    const combo = parseBinding('Ctrl+Shift+Space', KEYS, 'linux');
    if (!combo) throw new Error('no combo');
    expect(isBindingDown(combo, key(57, { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isBindingDown(combo, key(57, { ctrlKey: true }))).toBe(false);
    expect(isBindingDown(combo, key(57, { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isBindingDown(combo, key(30, { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isBindingUp(combo, key(57))).toBe(true);
  });

  it('recognises Wayland sessions', () => {
    expect(isWayland({ XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(isWayland({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWayland({ XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(isWayland({})).toBe(false);
  });
});

class FakeHook implements KeyHook {
  listeners = { keydown: new Set<(e: RawKeyEvent) => void>(), keyup: new Set<(e: RawKeyEvent) => void>() };
  running = false;
  failStart: Error | null = null;
  start() {
    if (this.failStart) throw this.failStart;
    this.running = true;
  }
  stop() {
    this.running = false;
  }
  on(event: 'keydown' | 'keyup', listener: (e: RawKeyEvent) => void) {
    this.listeners[event].add(listener);
  }
  off(event: 'keydown' | 'keyup', listener: (e: RawKeyEvent) => void) {
    this.listeners[event].delete(listener);
  }
  fire(event: 'keydown' | 'keyup', e: RawKeyEvent) {
    for (const l of this.listeners[event]) l(e);
  }
}

class FakeShortcuts {
  registered = new Map<string, () => void>();
  taken = new Set<string>();
  register(accelerator: string, callback: () => void) {
    if (this.taken.has(accelerator)) return false;
    if (accelerator.includes('Bogus')) throw new Error('Error processing argument');
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string) {
    this.registered.delete(accelerator);
  }
}

function setup(options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; loadFails?: boolean } = {}) {
  const hook = new FakeHook();
  const shortcuts = new FakeShortcuts();
  const events: PushToTalkEvent[] = [];
  let loads = 0;
  const hotkey = new GlobalHotkey({
    shortcuts,
    loadHook: () => {
      loads += 1;
      if (options.loadFails) throw new Error('no prebuild for this platform');
      return { hook, keyCodes: KEYS };
    },
    platform: options.platform ?? 'linux',
    env: options.env ?? { XDG_SESSION_TYPE: 'x11' },
    onEvent: (e) => events.push(e),
    logger: silentLogger,
  });
  return { hook, shortcuts, events, hotkey, loads: () => loads };
}

const hold = { ...DEFAULT_SETTINGS.hotkey, binding: 'Ctrl+Shift+Space', mode: 'hold' as const };

describe('global hotkey', () => {
  it('holds to talk through the keyboard hook: real key-down and key-up', () => {
    const { hook, shortcuts, events, hotkey } = setup();
    expect(hotkey.apply(hold)).toMatchObject({ available: true, mode: 'hold', note: null });
    expect(hook.running).toBe(true);
    expect(shortcuts.registered.size).toBe(0);
    hook.fire('keydown', key(57, { ctrlKey: true, shiftKey: true }));
    hook.fire('keydown', key(30, { ctrlKey: true, shiftKey: true }));
    hook.fire('keyup', key(57));
    expect(events).toEqual([{ type: 'keyDown' }, { type: 'keyUp' }]);
    expect(hotkey.holdToTalkPossible()).toBe(true);
  });

  it('ends a hold when the binding or mode is changed while the key is down (its key-up would never come)', () => {
    const { hook, events, hotkey } = setup();
    hotkey.apply(hold);
    hook.fire('keydown', key(57, { ctrlKey: true, shiftKey: true }));
    hotkey.apply({ ...hold, mode: 'toggle' });
    hook.fire('keyup', key(57));
    expect(events).toEqual([{ type: 'keyDown' }, { type: 'keyUp' }]);
    hotkey.apply(hold); // nothing held any more: no second key-up
    expect(events).toHaveLength(2);
  });

  it('falls back to toggle through globalShortcut on Wayland, and says why', () => {
    const { hook, shortcuts, events, hotkey, loads } = setup({ env: { XDG_SESSION_TYPE: 'wayland' } });
    const status = hotkey.apply(hold);
    expect(status).toMatchObject({ available: true, requestedMode: 'hold', mode: 'toggle' });
    expect(status.note).toMatchObject({ code: 'wayland', message: expect.stringMatching(/Wayland/) });
    expect(hook.running).toBe(false);
    expect(loads()).toBe(0);
    shortcuts.registered.get('Ctrl+Shift+Space')?.();
    expect(events).toEqual([{ type: 'press', source: 'hotkey' }]);
    expect(hotkey.holdToTalkPossible()).toBe(false);
  });

  it('falls back to toggle when the hook cannot load or start', () => {
    const failedLoad = setup({ loadFails: true });
    expect(failedLoad.hotkey.apply(hold)).toMatchObject({ mode: 'toggle', available: true, note: { code: 'unavailable', params: { reason: expect.stringMatching(/no prebuild/) }, message: expect.stringMatching(/no prebuild/) } });
    const failedStart = setup({ platform: 'darwin' });
    failedStart.hook.failStart = new Error('not trusted');
    expect(failedStart.hotkey.apply(hold)).toMatchObject({ mode: 'toggle', note: { code: 'hookFailedMac', message: expect.stringMatching(/Accessibility/) } });
    expect(failedStart.hook.listeners.keydown.size).toBe(0);
    expect(failedStart.shortcuts.registered.has('Ctrl+Shift+Space')).toBe(true);
  });

  it('falls back to toggle for a binding the hook cannot watch', () => {
    const { hotkey } = setup();
    expect(hotkey.apply({ ...hold, binding: 'Ctrl+MediaPlayPause' })).toMatchObject({ mode: 'toggle', note: { code: 'cannotWatch', params: { binding: 'Ctrl+MediaPlayPause' }, message: expect.stringMatching(/cannot watch Ctrl\+MediaPlayPause/) } });
  });

  it('uses toggle mode when asked, and reports a binding another app holds', () => {
    const { shortcuts, hotkey } = setup();
    expect(hotkey.apply({ ...hold, mode: 'toggle' })).toMatchObject({ available: true, mode: 'toggle', note: null });
    shortcuts.taken.add('Ctrl+Alt+T');
    hotkey.dispose();
    expect(hotkey.apply({ ...hold, mode: 'toggle', binding: 'Ctrl+Alt+T' })).toMatchObject({ available: false, note: { code: 'unregistered', params: { binding: 'Ctrl+Alt+T' }, message: expect.stringMatching(/choose another hotkey/) } });
    expect(hotkey.apply({ ...hold, mode: 'toggle', binding: 'Bogus+Key' })).toMatchObject({ available: false });
  });

  it('releases the key entirely while paused and when the binding changes', () => {
    const { hook, shortcuts, events, hotkey } = setup();
    hotkey.apply(hold);
    expect(hotkey.apply({ ...hold, paused: true })).toMatchObject({ paused: true });
    expect(hook.running).toBe(false);
    hook.fire('keydown', key(57, { ctrlKey: true, shiftKey: true }));
    expect(events).toEqual([]);
    hotkey.apply({ ...hold, mode: 'toggle', binding: 'F9' });
    hotkey.apply({ ...hold, mode: 'toggle', binding: 'Ctrl+A' });
    expect([...shortcuts.registered.keys()]).toEqual(['Ctrl+A']);
    hotkey.dispose();
    expect(shortcuts.registered.size).toBe(0);
  });
});
