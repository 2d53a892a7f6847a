import { describe, expect, it } from 'vitest';
import type { ModelProgress } from '../../../src/shared/records';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { AppActions } from '../../../src/renderer/src/app/app-actions';
import { listen, loadAll } from '../../../src/renderer/src/app/start-app';
import { bannerMessage } from '../../../src/renderer/src/banners/banner-for-error';
import { CATALOGS } from '../../../src/renderer/src/i18n/translate';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import type { TalkController } from '../../../src/renderer/src/talk/talk-controller';
import { FakeBridge } from './support/fake-bridge';

const progress = (over: Partial<ModelProgress>): ModelProgress => ({
  source: 'catalog',
  model: 'whisper-base',
  phase: 'downloading',
  detail: '',
  receivedBytes: 0,
  totalBytes: 100,
  fraction: 0,
  bytesPerSecond: null,
  etaSeconds: null,
  ...over,
});

describe('download progress from main', () => {
  it('shows a download another window started, and takes its bar away once it is done', () => {
    const bridge = new FakeBridge();
    const store = createAppStore(['en-US']);
    const off = listen({ bridge, store, talk: {} as TalkController, actions: {} as AppActions, report: () => undefined });

    bridge.emit('model.progress', progress({ receivedBytes: 50, fraction: 0.5 }));
    expect(store.getState().downloads['whisper-base']?.fraction).toBe(0.5);
    bridge.emit('model.progress', progress({ phase: 'done', receivedBytes: 100, fraction: 1 }));
    expect(store.getState().downloads).toEqual({});
    off();
  });
});

describe('start-up notices from main', () => {
  it('shows each once as a banner, in the interface language, and not again after a reconnection', async () => {
    const bridge = new FakeBridge();
    const store = createAppStore(['pt-BR']);
    const message = 'Your settings file could not be read, so Earshot is using the defaults. The old file was kept as /home/ana/.config/Earshot/settings.json.bad-1.';
    const notice = { code: 'settings_invalid' as const, params: { variant: 'fileUnreadable', path: '/home/ana/.config/Earshot/settings.json.bad-1' }, message };
    bridge.handlers.set('app.info', () => ({
      ok: true,
      value: { name: 'Earshot', version: '1', platform: 'linux', host: 'browser', holdToTalk: false, hotkey: { available: false, binding: '', requestedMode: 'hold', mode: 'toggle', paused: false, note: null }, startupNotices: [notice] },
    }));
    bridge.handlers.set('settings.get', () => ({ ok: true, value: DEFAULT_SETTINGS }));
    bridge.handlers.set('history.list', () => ({ ok: true, value: [] }));
    bridge.handlers.set('metrics.recent', () => ({ ok: true, value: [] }));
    const actions = { refreshSetup: async () => {} } as unknown as AppActions;
    const options = { bridge, store, talk: {} as TalkController, actions, report: () => undefined };
    await loadAll(options);
    const banners = store.getState().banners;
    expect(banners).toHaveLength(1);
    expect(bannerMessage(banners[0]!.text, CATALOGS.pt)).toBe(
      'Não foi possível ler seu arquivo de configurações, então o Earshot está usando os padrões. O arquivo antigo foi guardado como /home/ana/.config/Earshot/settings.json.bad-1.',
    );
    expect(bannerMessage(banners[0]!.text, CATALOGS.en)).toBe(message);
    store.getState().dismissBanner(banners[0]!.id);
    await loadAll(options); // reconnected to the same Earshot
    expect(store.getState().banners).toEqual([]);
  });
});
