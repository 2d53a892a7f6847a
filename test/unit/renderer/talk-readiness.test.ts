import { describe, expect, it } from 'vitest';
import { createAppActions } from '../../../src/renderer/src/app/app-actions';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import { newTurn } from '../../../src/renderer/src/store/turn-view';
import type { TalkController } from '../../../src/renderer/src/talk/talk-controller';
import { fixFor, pressRefused, talkProblem } from '../../../src/renderer/src/talk/talk-readiness';
import type { SetupStatus } from '../../../src/shared/records';
import { FakeBridge } from './support/fake-bridge';

function status(change: { reachable?: boolean; chat?: boolean; stt?: boolean } = {}): SetupStatus {
  return {
    ollama: { host: 'http://127.0.0.1:11434', reachable: change.reachable ?? true, version: null, error: null, loopback: true },
    chatModel: { name: 'llama3.2:3b', installed: change.chat ?? true },
    stt: { id: 'whisper-base', installed: change.stt ?? true },
    voices: { en: { id: 'piper-en', installed: false }, pt: { id: 'piper-pt', installed: false } },
  };
}

describe('what stops Talk', () => {
  it('names the first thing that stands in the way, in the order a turn needs them', () => {
    expect(talkProblem('open', status())).toBeNull();
    expect(talkProblem('open', status({ reachable: false, chat: false }))).toBe('ollamaDown');
    expect(talkProblem('open', status({ chat: false, stt: false }))).toBe('chatMissing');
    expect(talkProblem('open', status({ stt: false }))).toBe('sttMissing');
    expect(talkProblem('open', null)).toBe('checking');
    expect(talkProblem('connecting', status())).toBe('connecting');
    expect(talkProblem('lost', status())).toBe('disconnected');
    expect(talkProblem('refused', null)).toBe('refused');
  });

  it('offers the fix the app can make: Retry for Ollama, Download model for a model', () => {
    expect(fixFor('ollamaDown')).toBe('retry');
    expect(fixFor('chatMissing')).toBe('download');
    expect(fixFor('sttMissing')).toBe('download');
    expect(fixFor('refused')).toBeNull();
    expect(fixFor(null)).toBeNull();
  });

  it('refuses a press while a problem stands, but never one that interrupts a reply', () => {
    expect(pressRefused('ollamaDown', null, false)).toBe(true);
    expect(pressRefused('ollamaDown', null, true)).toBe(false);
    expect(pressRefused('ollamaDown', newTurn('text', 't1', 'hi'), false)).toBe(false);
    // Until the first check answers, Talk is not held hostage to it.
    expect(pressRefused('checking', null, false)).toBe(false);
    expect(pressRefused(null, null, false)).toBe(false);
  });

  it('a press with Ollama down does not start listening; once it is running, it does', () => {
    const store = createAppStore(['en-US']);
    const presses: number[] = [];
    const talk = { press: async () => void presses.push(1), release: async () => undefined } as unknown as TalkController;
    const actions = createAppActions({ bridge: new FakeBridge(), store, talk, report: () => undefined, queryMicrophone: async () => 'granted', askMicrophone: async () => 'granted' });
    store.getState().setConnection('open');
    store.getState().setSetup(status({ reachable: false }));
    actions.press();
    expect(presses).toEqual([]);
    store.getState().setSetup(status());
    actions.press();
    expect(presses).toEqual([1]);
  });
});
