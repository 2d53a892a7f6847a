import { describe, expect, it } from 'vitest';
import { fitSegments, joinTranscripts, planKeyUp } from '../../../src/main/core/audio/key-up-plan';

describe('planKeyUp', () => {
  const at16k = (seconds: number) => ({ totalSamples: seconds * 16_000, sampleRate: 16_000, minVadSeconds: 1.5 });

  it('transcribes a short utterance whole, in one pass', () => {
    expect(planKeyUp(at16k(1))).toEqual({ kind: 'whole' });
    expect(planKeyUp({ ...at16k(1.5), totalSamples: 1.5 * 16_000 - 1 })).toEqual({ kind: 'whole' });
  });

  it('keeps the segments of an utterance of the VAD threshold or longer and transcribes only the tail', () => {
    expect(planKeyUp(at16k(1.5))).toEqual({ kind: 'segments' });
    expect(planKeyUp(at16k(20))).toEqual({ kind: 'segments' });
  });
});

describe('joinTranscripts', () => {
  it('joins the pieces with one space, trimming them and skipping empty ones', () => {
    expect(joinTranscripts([' Set a timer ', '', '  ', 'for ten minutes'])).toBe('Set a timer for ten minutes');
    expect(joinTranscripts([])).toBe('');
  });
});

describe('fitSegments', () => {
  it('drops empty segments', () => {
    expect(fitSegments([{ start: 5, end: 5 }, { start: 7, end: 9 }], 100)).toEqual([{ start: 7, end: 9 }]);
  });

  it('cuts at the limit when the quiet search has no frame to look at', () => {
    const energy = () => 0;
    expect(fitSegments([{ start: 0, end: 150 }], 100, { energy, frame: 0, search: 40 })).toEqual([
      { start: 0, end: 100 },
      { start: 100, end: 150 },
    ]);
  });

  it('leaves segments that fit alone and cuts longer ones at the limit', () => {
    expect(fitSegments([{ start: 0, end: 100 }], 100)).toEqual([{ start: 0, end: 100 }]);
    expect(fitSegments([{ start: 10, end: 260 }], 100)).toEqual([
      { start: 10, end: 110 },
      { start: 110, end: 210 },
      { start: 210, end: 260 },
    ]);
  });

  it('with the audio at hand, cuts in the quietest frame before the limit instead of mid-word', () => {
    // Loud everywhere except a pause at 70–80: the cut goes there, not at 100; where all is equally
    // loud, as late as the search allows.
    const energy = (start: number, end: number) => (start >= 70 && end <= 80 ? 0 : 1);
    const pieces = fitSegments([{ start: 0, end: 180 }], 100, { energy, frame: 10, search: 40 });
    expect(pieces).toEqual([
      { start: 0, end: 75 },
      { start: 75, end: 170 },
      { start: 170, end: 180 },
    ]);
    expect(pieces.every((p) => p.end - p.start <= 100)).toBe(true);
  });
});
