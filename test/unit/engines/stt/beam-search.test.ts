import { describe, expect, it } from 'vitest';
import {
  beamSearch,
  expandBeams,
  lengthNormalizedScore,
  type NextStep,
  topK,
} from '../../../../src/main/core/engines/stt/beam-search';
import { logSoftmaxInPlace } from '../../../../src/main/core/engines/stt/logit-filters';

const EOT = 0;
const V = 8;

/** A language model given as a table: prefix (tokens joined by ',') → logits over V tokens. */
type Table = Record<string, Partial<Record<number, number>>>;

function rowFor(table: Table, prefix: number[]): Float32Array {
  const row = new Float32Array(V);
  for (const [token, logit] of Object.entries(table[prefix.join(',')] ?? { [EOT]: 10 })) row[Number(token)] = logit!;
  logSoftmaxInPlace(row);
  return row;
}

/** A scorer that keeps its own "cache" of prefixes per row and reorders it like the KV cache. */
function scripted(table: Table): { first: Float32Array; next: NextStep; calls: number[][] } {
  let rows: number[][] = [[]];
  const calls: number[][] = [];
  return {
    first: rowFor(table, []),
    calls,
    next: async (tokens, sources) => {
      calls.push(sources);
      rows = tokens.map((t, b) => [...rows[sources[b]!]!, t]);
      return rows.map((prefix) => rowFor(table, prefix));
    },
  };
}

// Greedy takes 1 (logit 2.2 beats 2.0), but everything after 1 is uncertain; 2 leads to a sure path.
const TRAP: Table = {
  '': { 1: 2.2, 2: 2.0 },
  '1': { 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 },
  '1,3': { [EOT]: 10 },
  '2': { 5: 12 },
  '2,5': { [EOT]: 12 },
};

describe('topK', () => {
  it('returns the k best ids in order and skips −∞', () => {
    const row = Float32Array.from([0.5, -Infinity, 3, 2, 3.5, -1]);
    expect(topK(row, 3)).toEqual({ ids: [4, 2, 3], values: [3.5, 3, 2] });
    expect(topK(Float32Array.from([-Infinity, 1]), 3)).toEqual({ ids: [1], values: [1] });
  });
});

describe('beam search', () => {
  it('with beam size 1 takes the argmax at every step, like greedy decoding', async () => {
    const model = scripted(TRAP);
    const best = await beamSearch({ beamSize: 1, eot: EOT, maxTokens: 10, ...model });
    expect(best.tokens).toEqual([1, 3]);
    expect(model.calls.every((sources) => sources.length === 1)).toBe(true);
  });

  it('with a wider beam finds the better-scoring sequence greedy misses', async () => {
    const greedy = await beamSearch({ beamSize: 1, eot: EOT, maxTokens: 10, ...scripted(TRAP) });
    const wide = await beamSearch({ beamSize: 3, eot: EOT, maxTokens: 10, ...scripted(TRAP) });
    expect(wide.tokens).toEqual([2, 5]);
    expect(lengthNormalizedScore(wide)).toBeGreaterThan(lengthNormalizedScore(greedy));
  });

  it('continues each beam from the row it came from (cache reordering)', async () => {
    const model = scripted(TRAP);
    await beamSearch({ beamSize: 2, eot: EOT, maxTokens: 10, ...model });
    // After the prompt both beams come from row 0; then beams re-rank, so sources are not [0, 1].
    expect(model.calls[0]).toEqual([0, 0]);
    expect(model.calls.slice(1).some((s) => s[0] !== 0 || s[1] !== 1)).toBe(true);
  });

  it('ranks finished hypotheses by log-probability per token, not in total', () => {
    // A longer sequence with a lower total but a better mean beats a short one.
    expect(lengthNormalizedScore({ tokens: [1, 2, 3], logProb: -1.5 })).toBeGreaterThan(
      lengthNormalizedScore({ tokens: [1], logProb: -1 }),
    );
  });

  it('finishes a candidate ending in end-of-text only when it ranks among the live ones', () => {
    const rows = [Float32Array.from([-0.1, -3, -5, -6, -7, -8, -9, -10])];
    const step = expandBeams([{ tokens: [4], logProb: 0 }], rows, 1, EOT);
    expect(step.finished.map((h) => h.tokens)).toEqual([[4]]);
    expect(step.finished[0]!.logProb).toBeCloseTo(-0.1, 6);
    expect(step.live).toEqual([{ tokens: [4, 1], logProb: -3 }]);
    const later = expandBeams([{ tokens: [4], logProb: 0 }], [Float32Array.from([-3, -0.1, -5, -6, -7, -8, -9, -10])], 1, EOT);
    expect(later.finished).toEqual([]);
  });

  it('stops at the token cap and returns the best unfinished hypothesis', async () => {
    const model = {
      first: Float32Array.from([-Infinity, -0.1, -3, -5, -6, -7, -8, -9]),
      next: async (tokens: number[]) => tokens.map(() => Float32Array.from([-9, -0.1, -3, -5, -6, -7, -8, -9])),
    };
    const best = await beamSearch({ beamSize: 2, eot: EOT, maxTokens: 4, ...model });
    expect(best.tokens).toEqual([1, 1, 1, 1]);
  });

  it('rejects with an AbortError between steps when the signal fires', async () => {
    const controller = new AbortController();
    const model = scripted(TRAP);
    const next: NextStep = async (tokens, sources) => {
      controller.abort();
      return model.next(tokens, sources);
    };
    await expect(
      beamSearch({ beamSize: 2, eot: EOT, maxTokens: 10, first: model.first, next, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
