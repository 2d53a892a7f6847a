import { describe, expect, it } from 'vitest';
import { decideWake, INITIAL_WAKE_DECISION, type WakeDecisionConfig, type WakeScore } from '../../../../src/main/core/engines/wake/wake-decision';

const config: WakeDecisionConfig = { threshold: 0.6, refractoryMs: 2000, warmupHops: 5, patience: 1 };

function score(hop: number, value: number, suppressed = false): WakeScore {
  return { hop, atMs: (hop + 1) * 80, score: value, suppressed };
}

/** Runs a sequence of scores and returns the hops that fired. */
function fired(scores: WakeScore[], cfg: WakeDecisionConfig = config): number[] {
  let state = INITIAL_WAKE_DECISION;
  const hops: number[] = [];
  for (const s of scores) {
    const next = decideWake(state, s, cfg);
    state = next.state;
    if (next.detect) hops.push(s.hop);
  }
  return hops;
}

describe('decideWake', () => {
  it('fires once when the score crosses the threshold, not on every high hop after it', () => {
    expect(fired([score(10, 0.1), score(11, 0.7), score(12, 0.95), score(13, 0.9)])).toEqual([11]);
  });

  it('stays quiet below the threshold', () => {
    expect(fired([score(10, 0.59), score(11, 0.3)])).toEqual([]);
  });

  it('ignores the first hops, whose history is still mostly empty', () => {
    expect(fired([score(0, 0.99), score(4, 0.99)])).toEqual([]);
  });

  it('can fire again once the refractory period has passed', () => {
    // hop 11 ends at 960 ms; 2000 ms later is hop 36 (2960 ms)
    expect(fired([score(11, 0.9), score(35, 0.9), score(36, 0.9)])).toEqual([11, 36]);
  });

  it('never fires on audio marked as Earshot’s own voice, and that does not start a refractory period', () => {
    expect(fired([score(11, 0.99, true), score(12, 0.99)])).toEqual([12]);
  });

  it('with patience, fires only once the score has held for that many hops in a row', () => {
    const patient = { ...config, patience: 2 };
    expect(fired([score(10, 0.9), score(11, 0.2), score(12, 0.9)], patient)).toEqual([]);
    expect(fired([score(10, 0.9), score(11, 0.7), score(12, 0.9)], patient)).toEqual([11]);
    // Earshot's own voice breaks the run as a low score does
    expect(fired([score(10, 0.9, true), score(11, 0.9), score(12, 0.1)], patient)).toEqual([]);
  });
});
