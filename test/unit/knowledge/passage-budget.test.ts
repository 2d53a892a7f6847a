import { describe, expect, it } from 'vitest';
import { fitPassages, type Passage } from '../../../src/main/core/knowledge/passage-budget';

const passage = (text: string, score = 1): Passage => ({ path: '/d/a.md', heading: null, page: null, text, score });

describe('fitPassages', () => {
  it('keeps passages best first while they fit', () => {
    const passages = [passage('a'.repeat(350)), passage('b'.repeat(350)), passage('c'.repeat(350))];
    expect(fitPassages(passages, 250, 3.5).map((p) => p.text[0])).toEqual(['a', 'b']);
  });

  it('cuts the last passage at a sentence when a useful part of it fits', () => {
    const text = `${'First sentence here. '.repeat(30)}`;
    const [only] = fitPassages([passage(text)], 100, 3.5);
    expect(only!.text.length).toBeLessThan(text.length);
    expect(only!.text).toMatch(/\.…$/);
  });

  it('adds nothing when there is no room', () => {
    expect(fitPassages([passage('x'.repeat(1000))], 20, 3.5)).toEqual([]);
  });
});
