import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../src/shared/errors';
import { applyPreset, DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { createAppActions } from '../../../src/renderer/src/app/app-actions';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import type { TalkController } from '../../../src/renderer/src/talk/talk-controller';
import { FakeBridge, ok } from './support/fake-bridge';

function setup() {
  const bridge = new FakeBridge();
  const store = createAppStore(['en-US']);
  store.getState().setSettings(DEFAULT_SETTINGS);
  const reported: ErrorInfo[] = [];
  const actions = createAppActions({
    bridge,
    store,
    talk: {} as TalkController,
    report: (error) => reported.push(error),
    queryMicrophone: async () => 'granted',
    askMicrophone: async () => 'granted',
  });
  return { bridge, store, reported, actions };
}

describe('presets', () => {
  it('says whether main applied the preset, so the panel only claims "Saved." when it did', async () => {
    const { bridge, store, reported, actions } = setup();
    bridge.handlers.set('settings.applyPreset', () => ok(applyPreset(DEFAULT_SETTINGS, 'fast')));
    expect(await actions.applyPreset('fast')).toBe(true);
    expect(store.getState().settings?.stt.beamSize).toBe(1);

    const full: ErrorInfo = { code: 'disk_full', message: 'The disk is full, so your settings were not saved — free some space and try again.' };
    bridge.handlers.set('settings.applyPreset', () => ({ ok: false, error: full }));
    expect(await actions.applyPreset('quality')).toBe(false);
    expect(store.getState().settings?.stt.beamSize).toBe(1); // unchanged
    expect(reported).toEqual([full]);
  });
});
