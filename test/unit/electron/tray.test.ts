import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppTray, type MenuItemSpec, type TrayLike } from '../../../src/main/electron/app-tray';
import { drawTrayIcon, trayIconPng } from '../../../src/main/electron/tray-icons';
import { nextTrayState, TRAY_STATES, type TrayState } from '../../../src/main/electron/tray-state';
import type { HotkeyStatus } from '../../../src/shared/contract';
import type { TurnEvent, TurnState } from '../../../src/shared/turn';

const state = (s: TurnState): TurnEvent => ({ type: 'state', turnId: 't', state: s });
const error = (code: 'llm_unreachable' | 'cancelled'): TurnEvent => ({ type: 'error', turnId: 't', error: { code, message: 'm' } });

class FakeTray implements TrayLike<string, MenuItemSpec[]> {
  image = '';
  tooltip = '';
  menu: MenuItemSpec[] | null = null;
  clicks: Array<() => void> = [];
  destroyed = false;
  setImage(image: string) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: MenuItemSpec[] | null) {
    this.menu = menu;
  }
  on(_event: 'click', listener: () => void) {
    this.clicks.push(listener);
  }
  destroy() {
    this.destroyed = true;
  }
}

const HOTKEY: HotkeyStatus = { available: true, binding: 'Ctrl+Shift+Space', requestedMode: 'hold', mode: 'hold', paused: false, note: null };

function setup() {
  const tray = new FakeTray();
  const calls: string[] = [];
  const timers: Array<{ callback: () => void; ms: number; cleared: boolean }> = [];
  const appTray = new AppTray<string, MenuItemSpec[]>(
    {
      createTray: (image) => {
        tray.setImage(image);
        return tray;
      },
      buildMenu: (items) => items,
      image: (s: TrayState) => `icon:${s}`,
      actions: {
        talk: () => calls.push('talk'),
        show: () => calls.push('show'),
        settings: () => calls.push('settings'),
        setPaused: (p) => calls.push(`paused:${p}`),
        quit: () => calls.push('quit'),
        setHandsFree: (on) => calls.push(`hands-free:${on}`),
      },
      timers: {
        setTimeout: (callback, ms) => {
          const timer = { callback, ms, cleared: false };
          timers.push(timer);
          return timer;
        },
        clearTimeout: (handle) => {
          if (handle) (handle as { cleared: boolean }).cleared = true;
        },
      },
    },
    HOTKEY,
  );
  const item = (label: string) => tray.menu?.find((m) => m.label === label);
  return { tray, calls, timers, appTray, item };
}

describe('tray state', () => {
  it('follows the turn: listening, thinking, speaking, back to idle', () => {
    const seq: TurnState[] = ['listening', 'transcribing', 'thinking', 'speaking', 'idle'];
    let s: TrayState = 'idle';
    const seen = seq.map((x) => (s = nextTrayState(s, state(x))));
    expect(seen).toEqual(['listening', 'thinking', 'thinking', 'speaking', 'idle']);
  });

  it('keeps an error showing through the idle that follows it, but not a cancel', () => {
    expect(nextTrayState(nextTrayState('thinking', error('llm_unreachable')), state('idle'))).toBe('error');
    expect(nextTrayState('speaking', error('cancelled'))).toBe('speaking');
    expect(nextTrayState('error', state('listening'))).toBe('listening');
  });
});

describe('tray icon', () => {
  it('shows the state in its image and tooltip', () => {
    const { tray, appTray } = setup();
    expect(tray.image).toBe('icon:idle');
    expect(tray.tooltip).toMatch(/ready — hold Ctrl\+Shift\+Space to talk/);
    appTray.onTurnEvent(state('listening'));
    expect([tray.image, tray.tooltip]).toEqual(['icon:listening', 'Earshot — listening']);
    appTray.onTurnEvent(state('thinking'));
    expect(tray.image).toBe('icon:thinking');
    appTray.onTurnEvent(state('speaking'));
    expect(tray.tooltip).toBe('Earshot — speaking');
    appTray.onTurnEvent(state('idle'));
    expect(tray.image).toBe('icon:idle');
  });

  it('shows an error, then clears it after a while', () => {
    const { tray, appTray, timers } = setup();
    appTray.onTurnEvent(error('llm_unreachable'));
    appTray.onTurnEvent(state('idle'));
    expect(tray.image).toBe('icon:error');
    expect(tray.tooltip).toMatch(/something went wrong/);
    const timer = timers.at(-1);
    expect(timer?.ms).toBe(8000);
    timer?.callback();
    expect(tray.image).toBe('icon:idle');
  });

  it('drops the pending error timer when a new turn starts', () => {
    const { appTray, timers, tray } = setup();
    appTray.onTurnEvent(error('llm_unreachable'));
    appTray.onTurnEvent(state('listening'));
    expect(timers[0]?.cleared).toBe(true);
    expect(tray.image).toBe('icon:listening');
  });

  it('offers Talk, Show, Settings, Pause hotkey and Quit, wired to their actions', () => {
    const { tray, calls, item, appTray } = setup();
    expect(tray.menu?.filter((m) => m.label).map((m) => m.label)).toEqual(['Talk', 'Show', 'Settings', 'Pause hotkey', 'Hands-free listening', 'Quit']);
    for (const label of ['Talk', 'Show', 'Settings', 'Pause hotkey', 'Quit']) item(label)?.click?.();
    expect(calls).toEqual(['talk', 'show', 'settings', 'paused:true', 'quit']);
    tray.clicks[0]?.();
    expect(calls.at(-1)).toBe('show');
    appTray.setHotkey({ ...HOTKEY, paused: true });
    expect(item('Pause hotkey')).toMatchObject({ checked: true });
    expect(tray.tooltip).toMatch(/hotkey paused/);
    item('Pause hotkey')?.click?.();
    expect(calls.at(-1)).toBe('paused:false');
    appTray.onTurnEvent(state('listening'));
    expect(item('Stop talking')).toBeDefined();
    appTray.dispose();
    expect(tray.destroyed).toBe(true);
  });

  it('hands-free: a menu switch, and between turns the tooltip says the microphone is on or paused', () => {
    const { tray, calls, item, appTray } = setup();
    expect(item('Hands-free listening')).toMatchObject({ type: 'checkbox', checked: false });
    item('Hands-free listening')?.click?.();
    expect(calls.at(-1)).toBe('hands-free:true');
    appTray.setListening(true, 'waiting');
    expect(item('Hands-free listening')).toMatchObject({ checked: true });
    expect(tray.tooltip).toMatch(/microphone on, say the wake word/);
    item('Hands-free listening')?.click?.();
    expect(calls.at(-1)).toBe('hands-free:false');
    appTray.setListening(true, 'paused');
    expect(tray.tooltip).toMatch(/hands-free paused/);
    appTray.onTurnEvent(state('thinking'));
    expect(tray.tooltip).toBe('Earshot — thinking');
    appTray.setListening(false, 'paused');
    appTray.onTurnEvent(state('idle'));
    expect(tray.tooltip).not.toMatch(/microphone|hands-free/);
  });

  it('draws a distinct, valid PNG per state', () => {
    const pngs = TRAY_STATES.map((s) => trayIconPng(s, 32));
    for (const png of pngs) {
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(32);
      const idat = png.indexOf('IDAT');
      const length = png.readUInt32BE(idat - 4);
      expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe((32 * 4 + 1) * 32);
    }
    expect(new Set(pngs.map((p) => p.toString('base64'))).size).toBe(TRAY_STATES.length);
    const centre = (s: TrayState) => Array.from(drawTrayIcon(s, 16).subarray((8 * 16 + 8) * 4, (8 * 16 + 8) * 4 + 4));
    expect(centre('idle')[3]).toBe(0); // a ring: hollow
    expect(centre('listening')).toEqual([255, 255, 255, 255]); // white dot
    const corner = drawTrayIcon('speaking', 16).subarray(0, 4);
    expect(corner[3]).toBe(0); // transparent outside the disc
  });
});
