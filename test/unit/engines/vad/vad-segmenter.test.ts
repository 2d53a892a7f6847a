import { describe, expect, it } from 'vitest';
import type { SpeechSegment } from '../../../../src/main/core/engines/types';
import {
  DEFAULT_VAD_SEGMENTER_CONFIG as CONFIG,
  finishVad,
  INITIAL_VAD_STATE,
  stepVad,
} from '../../../../src/main/core/engines/vad/vad-segmenter';

const W = CONFIG.windowSamples; // 512 samples = 32 ms
const PAD = 1600; // 100 ms

/** Runs probabilities through the state machine; returns segments as they end, then at finish. */
function run(probabilities: number[], extraSamples = 0): { early: SpeechSegment[]; atFinish: SpeechSegment | null } {
  let state = INITIAL_VAD_STATE;
  const early: SpeechSegment[] = [];
  for (const p of probabilities) {
    const step = stepVad(state, p, CONFIG);
    state = step.state;
    if (step.ended) early.push(step.ended);
  }
  return { early, atFinish: finishVad(state, probabilities.length * W + extraSamples, CONFIG).ended };
}

const repeat = (p: number, windows: number) => new Array<number>(windows).fill(p);

describe('VAD segmenter', () => {
  it('finds nothing in silence', () => {
    expect(run(repeat(0.05, 100))).toEqual({ early: [], atFinish: null });
  });

  it('ends a segment after 400 ms of silence, padded by 100 ms each side', () => {
    // 10 windows silence, 20 windows speech (640 ms), 13 windows silence (416 ms) → ended.
    const { early, atFinish } = run([...repeat(0.1, 10), ...repeat(0.9, 20), ...repeat(0.1, 13)]);
    expect(early).toEqual([{ start: 10 * W - PAD, end: 30 * W + PAD }]);
    expect(atFinish).toBeNull();
  });

  it('keeps the segment open through a pause shorter than the minimum silence', () => {
    const { early, atFinish } = run([...repeat(0.9, 10), ...repeat(0.1, 11), ...repeat(0.9, 10), ...repeat(0.1, 13)]);
    expect(early).toEqual([{ start: 0, end: 31 * W + PAD }]);
    expect(atFinish).toBeNull();
  });

  it('uses hysteresis: probabilities between the thresholds neither start nor end speech', () => {
    expect(run(repeat(0.45, 50)).early).toEqual([]);
    expect(run(repeat(0.45, 50)).atFinish).toBeNull();
    // Once started, 0.4 counts as speech still: the segment runs to the end of the stream.
    const { early, atFinish } = run([...repeat(0.9, 10), ...repeat(0.4, 30)]);
    expect(early).toEqual([]);
    expect(atFinish).toEqual({ start: 0, end: 40 * W });
  });

  it('drops blips shorter than 250 ms next to real speech', () => {
    const blipThenSpeech = run([...repeat(0.1, 5), ...repeat(0.9, 7), ...repeat(0.1, 20), ...repeat(0.9, 20), ...repeat(0.1, 15)]);
    expect(blipThenSpeech).toEqual({ early: [{ start: 32 * W - PAD, end: 52 * W + PAD }], atFinish: null });
    const speechThenBlip = run([...repeat(0.9, 20), ...repeat(0.1, 15), ...repeat(0.9, 7), ...repeat(0.1, 20)]);
    expect(speechThenBlip).toEqual({ early: [{ start: 0, end: 20 * W + PAD }], atFinish: null });
  });

  it('keeps a quick word that is the only speech: the longest short burst comes out at finish', () => {
    // A 192 ms "no" (6 windows), a 96 ms click before it, nothing else.
    const { early, atFinish } = run([...repeat(0.1, 5), ...repeat(0.9, 3), ...repeat(0.1, 20), ...repeat(0.9, 6), ...repeat(0.1, 20)]);
    expect(early).toEqual([]);
    expect(atFinish).toEqual({ start: 28 * W - PAD, end: 34 * W + PAD });
  });

  it('still finds nothing in a single click (under 90 ms)', () => {
    expect(run([...repeat(0.1, 5), ...repeat(0.9, 2), ...repeat(0.1, 20)])).toEqual({ early: [], atFinish: null });
  });

  it('closes the open segment at finish, at the start of trailing silence if there was any', () => {
    expect(run([...repeat(0.1, 5), ...repeat(0.9, 20)], 100).atFinish).toEqual({ start: 5 * W - PAD, end: 25 * W + 100 });
    expect(run([...repeat(0.9, 20), ...repeat(0.1, 5)]).atFinish).toEqual({ start: 0, end: 20 * W + PAD });
  });

  it('finds two utterances separated by a pause, without overlapping padding', () => {
    const { early, atFinish } = run([...repeat(0.9, 20), ...repeat(0.1, 15), ...repeat(0.9, 20)]);
    expect(early).toEqual([{ start: 0, end: 20 * W + PAD }]);
    expect(atFinish).toEqual({ start: 35 * W - PAD, end: 55 * W });
  });
});

describe('VAD speech start', () => {
  /** The samples at which speech was reported to begin, in order. */
  function starts(probabilities: number[]): number[] {
    let state = INITIAL_VAD_STATE;
    const found: number[] = [];
    for (const p of probabilities) {
      const step = stepVad(state, p, CONFIG);
      state = step.state;
      if (step.started !== undefined) found.push(step.started);
    }
    return found;
  }

  it('reports speech starting at the first speech window, at once rather than when the segment ends', () => {
    expect(starts([...repeat(0.1, 10), 0.9])).toEqual([10 * W]);
  });

  it('reports each new stretch of speech once, and nothing for pauses shorter than the minimum silence', () => {
    const shortPause = [...repeat(0.9, 10), ...repeat(0.1, 11), ...repeat(0.9, 10)];
    expect(starts(shortPause)).toEqual([0]);
    const longPause = [...repeat(0.9, 10), ...repeat(0.1, 13), ...repeat(0.1, 2), ...repeat(0.9, 3)];
    expect(starts(longPause)).toEqual([0, 25 * W]);
  });

  it('does not start on probabilities between the thresholds', () => {
    expect(starts(repeat(0.45, 20))).toEqual([]);
  });
});
