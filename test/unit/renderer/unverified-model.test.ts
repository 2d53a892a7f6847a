// A download whose bytes the catalog cannot verify says so where it is offered, in both languages.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppActions } from '../../../src/renderer/src/app/app-actions';
import { FirstRunCheck } from '../../../src/renderer/src/setup/FirstRunCheck';
import { AppProvider } from '../../../src/renderer/src/state/app-context';
import { createAppStore, type AppStore } from '../../../src/renderer/src/store/app-store';

function render(store: AppStore): string {
  const current = { ...store, getInitialState: () => store.getState() } as AppStore;
  return renderToStaticMarkup(createElement(AppProvider, { store: current, actions: {} as AppActions, children: createElement(FirstRunCheck) }));
}

function storeWith(languages: string[], unverified: boolean): AppStore {
  const store = createAppStore(languages);
  store.getState().setSetup({
    ollama: { host: 'http://127.0.0.1:11434', reachable: true, version: '0.9.0', error: null, loopback: true },
    chatModel: { name: 'llama3.2:3b', installed: true },
    stt: { id: 'whisper-base', installed: false },
    voices: { en: { id: 'piper-en_US-amy-low', installed: true }, pt: { id: 'piper-pt_BR-faber-medium', installed: true } },
  });
  store.getState().setModels([{ id: 'whisper-base', kind: 'stt', languages: ['en', 'pt'], sizeBytes: 1, installed: false, description: 'Whisper', unverified }]);
  return store;
}

describe('an unverified download in the first-run check', () => {
  it('is marked unverified, in English and in Portuguese', () => {
    expect(render(storeWith(['en-US'], true))).toContain('unverified: no checksum is pinned for this download');
    expect(render(storeWith(['pt-BR'], true))).toContain('não verificado');
  });

  it('is not marked when the catalog pins it', () => {
    expect(render(storeWith(['en-US'], false))).not.toContain('unverified');
  });
});
