import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../src/shared/errors';
import { applyPreset, DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { createAppActions } from '../../../src/renderer/src/app/app-actions';
import { bannerForError } from '../../../src/renderer/src/banners/banner-for-error';
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

describe('banners that the first-run check or a turn shows to be out of date', () => {
  const status = (reachable: boolean) => ({
    ollama: { host: 'http://127.0.0.1:11434', reachable, version: reachable ? '0.9.0' : null, error: null, loopback: true },
    chatModel: { name: 'llama3.2:3b', installed: reachable },
    stt: { id: 'whisper-base', installed: true },
    voices: { en: { id: 'piper-en', installed: true }, pt: { id: 'piper-pt', installed: true } },
  });

  it('"Check again" finding Ollama running removes the "Ollama is not running" banner', async () => {
    const { bridge, store, actions } = setup();
    store.getState().showBanner(bannerForError({ code: 'llm_unreachable', message: 'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`' }));
    bridge.handlers.set('setup.status', () => ok(status(false)));
    await actions.refreshSetup();
    expect(store.getState().banners.map((b) => b.id)).toEqual(['llm_unreachable']);
    bridge.handlers.set('setup.status', () => ok(status(true)));
    await actions.refreshSetup();
    expect(store.getState().banners).toEqual([]);
  });

  it('a preset or a model change checks the setup again, so a model it picked that is missing is offered for download', async () => {
    const { bridge, actions } = setup();
    bridge.handlers.set('settings.applyPreset', () => ok(applyPreset(DEFAULT_SETTINGS, 'fast')));
    bridge.handlers.set('settings.update', () => ok(DEFAULT_SETTINGS));
    await actions.applyPreset('fast');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.names().filter((n) => n === 'setup.status')).toHaveLength(1);
    await actions.updateSettings({ cache: { ttsTtlMinutes: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.names().filter((n) => n === 'setup.status')).toHaveLength(1); // not a model: no check
    await actions.updateSettings({ stt: { model: 'whisper-tiny' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.names().filter((n) => n === 'setup.status')).toHaveLength(2);
  });
});

