import { describe, expect, it } from 'vitest';
import { summarizePrefillTokens } from '../../../src/main/core/metrics/prefill-tokens';

describe('summarizePrefillTokens', () => {
  it('gives the median and the 95th percentile of the tokens prefilled per turn', () => {
    const values = [12, 9, 480, 10, 11, 8, 14, 10, 9, 11];
    expect(summarizePrefillTokens(values)).toEqual({ count: 10, p50: 10, p95: 480 });
  });

  it('skips turns that recorded no count (older rows, a server without the field)', () => {
    expect(summarizePrefillTokens([null, undefined, 'x', 30, -1, Number.NaN])).toEqual({ count: 1, p50: 30, p95: 30 });
  });

  it('is null when no turn recorded one', () => {
    expect(summarizePrefillTokens([null, undefined])).toBeNull();
  });
});
