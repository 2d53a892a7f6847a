import { describe, expect, it } from 'vitest';
import { calibratedCharsPerToken, estimateTokens, TokenEstimator } from '../../../src/main/core/store/token-estimate';

describe('token estimate', () => {
  it('estimates about 3.5 characters a token by default', () => {
    expect(estimateTokens('x'.repeat(350))).toBe(100);
    expect(estimateTokens('')).toBe(0);
  });

  it('moves toward what Ollama reported for a fully evaluated prompt', () => {
    const estimator = new TokenEstimator();
    for (let i = 0; i < 30; i++) estimator.calibrate(4000, 1000);
    expect(estimator.charsPerToken).toBeCloseTo(4, 1);
    expect(Math.abs(estimator.estimate('x'.repeat(400)) - 100)).toBeLessThanOrEqual(1);
  });

  it('ignores counts from prefix-cache hits, which cover only the new tokens', () => {
    expect(calibratedCharsPerToken(3.5, 4000, 12)).toBe(3.5);
    expect(calibratedCharsPerToken(3.5, 100, 30)).toBe(3.5);
    const estimator = new TokenEstimator();
    estimator.calibrate(4000, null);
    expect(estimator.charsPerToken).toBe(3.5);
  });
});
