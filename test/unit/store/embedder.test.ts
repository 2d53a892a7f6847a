import { describe, expect, it } from 'vitest';
import { MemoizingEmbedder, noEmbedder } from '../../../src/main/core/store/embedder';
import { tableEmbedder } from '../../support/store-fixtures';

describe('MemoizingEmbedder', () => {
  it('embeds a text once for the response cache and the memory preparer together', async () => {
    const inner = tableEmbedder({ hello: [1, 0] });
    const shared = new MemoizingEmbedder(inner);
    const [a, b] = await Promise.all([shared.embed(['hello']), shared.embed(['hello'])]);
    await shared.embed(['hello']);
    expect(inner.calls).toEqual([['hello']]);
    expect(Array.from(a![0]!)).toEqual([1, 0]);
    expect(b![0]).toBe(a![0]);
  });

  it('answers null when the model is missing, so callers use words', async () => {
    expect(await new MemoizingEmbedder(noEmbedder).embed(['hello'])).toBeNull();
  });
});
