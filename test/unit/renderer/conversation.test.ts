// The Conversation region as it renders (server-side, no DOM needed) after turns that did not end
// with 'done': nothing left saying "Listening…", and a reply begun shown as cut short.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppActions } from '../../../src/renderer/src/app/app-actions';
import { AppProvider } from '../../../src/renderer/src/state/app-context';
import { Conversation } from '../../../src/renderer/src/conversation/Conversation';
import { createAppStore, type AppStore } from '../../../src/renderer/src/store/app-store';

function render(store: AppStore): string {
  // Server rendering reads zustand's initial state: hand it the current one.
  const current = { ...store, getInitialState: () => store.getState() } as AppStore;
  return renderToStaticMarkup(createElement(AppProvider, { store: current, actions: {} as AppActions, children: createElement(Conversation) }));
}

describe('the conversation after a turn that could not finish', () => {
  it('says nothing of a press whose microphone was refused', () => {
    const store = createAppStore(['en-US']);
    store.getState().startTurn('voice', 't1');
    expect(render(store)).toContain('Listening…');
    store.getState().abandonTurn({ code: 'permission_denied', message: 'Allow the microphone.' });
    const html = render(store);
    expect(html).not.toContain('Listening…');
    expect(html).toContain('Nothing yet');
  });

  it('keeps what was said and the reply begun, marked as cut short, when the connection drops', () => {
    const store = createAppStore(['en-US']);
    store.getState().startTurn('voice', 't1');
    store.getState().receiveTurnEvent({ type: 'transcript', turnId: 't1', text: 'Tell me a story', final: true });
    store.getState().receiveTurnEvent({ type: 'token', turnId: 't1', text: 'Once upon a time' });
    store.getState().abandonTurn(null);
    const html = render(store);
    expect(html).toContain('Tell me a story');
    expect(html).toContain('Once upon a time');
    expect(html).toContain('(cut short)');
  });
});
