// The response cache embeds the question while the turn's memories are still being fetched: with
// a real embedding model each is a round trip, and one after the other they add up before the LLM
// is asked.
import { describe, expect, it } from 'vitest';
import type { MemoryRecall, MemoryService, ResponseCache } from '../../../src/main/core/store/types';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { createHarness } from '../../support/assistant-harness';

describe('a turn’s response-cache lookup', () => {
  it('starts embedding the question before the memories are ready, and looks up once they are', async () => {
    const order: string[] = [];
    let release!: (recall: MemoryRecall) => void;
    const recalled = new Promise<MemoryRecall>((resolve) => (release = resolve));
    const memory: MemoryService = {
      prepare: () => ({ ready: Promise.resolve(), finish: () => (order.push('memories asked'), recalled) }),
      afterTurn: () => undefined,
    };
    const responseCache: ResponseCache = {
      prefetch: (question) => void order.push(`prefetch ${question}`),
      lookup: async () => (order.push('lookup'), null),
      save: async () => false,
    };
    const h = createHarness({ tts: null, stores: { memory, responseCache } });
    const turn = h.assistant.askText('Why is the sea salty?', { speech: false });
    for (let i = 0; i < 50 && !order.includes('prefetch Why is the sea salty?'); i++) await new Promise((r) => setImmediate(r));
    expect(order).toContain('prefetch Why is the sea salty?');
    expect(order).not.toContain('lookup'); // the memories are not back yet
    release({ texts: [], relevant: [] });
    await turn.result;
    expect(order.indexOf('lookup')).toBeGreaterThan(order.indexOf('prefetch Why is the sea salty?'));
  });

  it('does not embed anything when the cache is off', async () => {
    const asked: string[] = [];
    const responseCache: ResponseCache = { prefetch: (q) => void asked.push(q), lookup: async () => null, save: async () => false };
    const h = createHarness({ tts: null, stores: { responseCache } });
    h.setSettings({ ...DEFAULT_SETTINGS, cache: { ...DEFAULT_SETTINGS.cache, enabled: false } });
    await h.assistant.askText('Why is the sea salty?', { speech: false }).result;
    expect(asked).toEqual([]);
  });
});
