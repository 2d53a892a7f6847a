import { describe, expect, it } from 'vitest';
import type { HotkeyStatus } from '../../../src/shared/contract';
import { hotkeyHint } from '../../../src/renderer/src/settings/hotkey-hint';
import { hotkeyNote } from '../../../src/shared/hotkey-note';

const status = (over: Partial<HotkeyStatus>): HotkeyStatus => ({
  available: true,
  binding: 'CommandOrControl+Shift+Space',
  requestedMode: 'hold',
  mode: 'hold',
  paused: false,
  note: null,
  ...over,
});

describe('what the settings panel says about the global key', () => {
  it('names the mode in effect, with why it differs from the one asked for', () => {
    const note = hotkeyNote('wayland');
    expect(hotkeyHint(status({ mode: 'toggle', note }), 'electron')).toEqual({ kind: 'active', mode: 'toggle', note });
  });

  it('in the desktop app, says why the key is unavailable rather than "desktop app only"', () => {
    const note = hotkeyNote('unregistered', { binding: 'CommandOrControl+Shift+Space' });
    expect(hotkeyHint(status({ available: false, note }), 'electron')).toEqual({ kind: 'note', note });
    expect(hotkeyHint(status({ available: false }), 'electron')).toEqual({ kind: 'message', key: 'settings.hotkeyNotRegistered' });
  });

  it('in the browser, says the key works only in the desktop app', () => {
    expect(hotkeyHint(status({ available: false, note: hotkeyNote('desktopOnly') }), 'browser')).toEqual({ kind: 'message', key: 'settings.hotkeyUnavailable' });
    expect(hotkeyHint(null, 'browser')).toEqual({ kind: 'message', key: 'settings.hotkeyUnavailable' });
  });
});
