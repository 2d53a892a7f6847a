import { describe, expect, it } from 'vitest';
import { fitSegments } from '../../../src/main/core/audio/key-up-plan';

describe('fitSegments', () => {
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
