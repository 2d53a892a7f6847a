import { describe, expect, it } from 'vitest';
import { calibratedCharsPerToken, estimateTokens, TokenEstimator } from '../../../src/main/core/prompt/token-estimate';

describe('token estimate', () => {
  it('estimates about 3.5 characters a token by default', () => {
    expect(estimateTokens('x'.repeat(350))).toBe(100);
    expect(estimateTokens('')).toBe(0);
  });

  it('moves toward what Ollama reported when tokens are dearer than assumed (Portuguese, accents)', () => {
    const estimator = new TokenEstimator();
    for (let i = 0; i < 30; i++) estimator.calibrate(3000, 1000);
    expect(estimator.charsPerToken).toBeCloseTo(3, 1);
    expect(Math.abs(estimator.estimate('x'.repeat(300)) - 100)).toBeLessThanOrEqual(1);
  });

  it('never becomes less cautious than the default: a partly cached prefix looks like cheap tokens', () => {
    const estimator = new TokenEstimator();
    for (const [chars, count] of [[930, 218], [1500, 266], [4000, 1000]] as const) estimator.calibrate(chars, count); // 4.27, 5.6, 4.0 chars a token
    expect(estimator.charsPerToken).toBe(3.5);
  });

  it('ignores counts from prefix-cache hits, which cover only the new tokens', () => {
    expect(calibratedCharsPerToken(3.5, 4000, 12)).toBe(3.5);
    expect(calibratedCharsPerToken(3.5, 100, 30)).toBe(3.5);
    expect(calibratedCharsPerToken(3.5, 1000, 1000)).toBe(3.5); // 1 character a token: implausible
    expect(calibratedCharsPerToken(2.5, 1000, 100)).toBe(2.5); // 10 characters a token: implausible
    const estimator = new TokenEstimator();
    estimator.calibrate(4000, null);
    expect(estimator.charsPerToken).toBe(3.5);
  });

  it('learns from a prompt of 200 characters and from 2 and 6 characters a token, the edges of what is plausible', () => {
    expect(calibratedCharsPerToken(3.5, 200, 100)).toBeCloseTo(3.2, 10); // 2 a token, weighted 0.2
    expect(calibratedCharsPerToken(2.5, 600, 100)).toBeCloseTo(3.2, 10); // 6 a token
    expect(calibratedCharsPerToken(3.5, 199, 50)).toBe(3.5); // too short a prompt to say
  });
});
