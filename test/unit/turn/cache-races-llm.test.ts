// A response-cache lookup that waits on the embedding model no longer holds the LLM request back:
// the chat goes out at once, a hit abandons it, a miss has lost no time. A lookup that needs no
// I/O still answers before anything is asked of the LLM.
import { describe, expect, it } from 'vitest';
import type { CachedResponse, ResponseCache } from '../../../src/main/core/store/types';
import { createHarness } from '../../support/assistant-harness';

const cachedReply: CachedResponse = { reply: 'It dissolves minerals from rocks.', match: 'semantic', similarity: 0.93 } as CachedResponse;

/** A cache whose lookup resolves only when the test says, as one embedding the question over HTTP. */
function slowCache() {
  let answer!: (hit: CachedResponse | null) => void;
  const pending = new Promise<CachedResponse | null>((resolve) => (answer = resolve));
  const cache: ResponseCache = { lookup: () => pending, save: async () => false };
  return { cache, answer };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setImmediate(r));
}

describe('the response cache racing the LLM', () => {
  it('asks the LLM while the lookup is still embedding, and answers from the LLM on a miss', async () => {
    const { cache, answer } = slowCache();
    const h = createHarness({ tts: null, stores: { responseCache: cache }, llm: { reply: 'Salt washes in from rivers.' } });
    const turn = h.assistant.askText('Why is the sea salty?', { speech: false });
    await until(() => h.llm.requests.length > 0);
    expect(h.llm.requests).toHaveLength(1); // sent before the lookup has answered
    expect(h.of('token')).toEqual([]); // nothing shown until the cache has had its say
    answer(null);
    const result = await turn.result;
    expect(result.reply).toBe('Salt washes in from rivers.');
    expect(result.cache).toEqual({ response: 'miss' });
    expect(h.llm.aborted).toBe(0);
  });

  it('abandons the LLM request when the lookup hits, and shows only the cached reply', async () => {
    const { cache, answer } = slowCache();
    const h = createHarness({ tts: null, stores: { responseCache: cache }, llm: { reply: 'Salt washes in from rivers.', firstTokenMs: 0 } });
    const turn = h.assistant.askText('Why is the sea salty?', { speech: false });
    await until(() => h.llm.requests.length > 0);
    answer(cachedReply);
    const result = await turn.result;
    expect(result.reply).toBe('It dissolves minerals from rocks.');
    expect(result.cache).toEqual({ response: 'hit' });
    expect(h.llm.aborted).toBe(1);
    expect(h.of('token').map((e) => e.text)).toEqual(['It dissolves minerals from rocks.']);
  });

  it('does not ask the LLM at all when the lookup answers without waiting', async () => {
    const cache: ResponseCache = { lookup: async () => cachedReply, save: async () => false };
    const h = createHarness({ tts: null, stores: { responseCache: cache } });
    const result = await h.assistant.askText('Why is the sea salty?', { speech: false }).result;
    expect(result.reply).toBe('It dissolves minerals from rocks.');
    expect(h.llm.requests).toEqual([]);
  });
});
