import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../src/main/core/knowledge/rank-fusion';

describe('reciprocalRankFusion', () => {
  it('puts an item both searches found above items only one found first', () => {
    const fused = reciprocalRankFusion([
      [1, 2, 3],
      [4, 3, 5],
    ]);
    expect(fused[0]!.id).toBe(3);
    expect(fused.map((f) => f.id).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps one list in its own order', () => {
    expect(reciprocalRankFusion([[7, 3, 9]]).map((f) => f.id)).toEqual([7, 3, 9]);
  });
});
