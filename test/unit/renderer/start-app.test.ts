import { describe, expect, it } from 'vitest';
import type { ModelProgress } from '../../../src/shared/records';
import type { AppActions } from '../../../src/renderer/src/app/app-actions';
import { listen } from '../../../src/renderer/src/app/start-app';
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
