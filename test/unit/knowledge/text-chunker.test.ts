import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_PRESETS } from '../../../src/main/core/knowledge/chunk-presets';
import { chunkSections } from '../../../src/main/core/knowledge/text-chunker';

const sentence = (n: number): string => `Sentence number ${n} talks about topic ${n}.`;

describe('chunkSections', () => {
  it('has the four presets of size and overlap', () => {
    expect(Object.fromEntries(Object.entries(CHUNK_PRESETS).map(([k, p]) => [k, [p.size, p.overlap]]))).toEqual({
      fast: [300, 30],
      development: [500, 50],
      balanced: [800, 150],
      production: [1000, 200],
    });
    expect(CHUNK_PRESETS.balanced.separators.slice(0, 5)).toEqual(['\n\n', '\n', '. ', '! ', '? ']);
  });

  it('keeps a short section whole, with its heading and page', () => {
    const chunks = chunkSections([{ text: 'Descale monthly.', heading: 'Care', page: 3 }], CHUNK_PRESETS.fast);
    expect(chunks).toEqual([{ text: 'Descale monthly.', heading: 'Care', page: 3, position: 0 }]);
  });

  it('breaks at paragraphs before sentences, and sentences before words', () => {
    const paragraphs = Array.from({ length: 6 }, (_, p) => Array.from({ length: 3 }, (_, s) => sentence(p * 10 + s)).join(' ')).join('\n\n');
    const chunks = chunkSections([{ text: paragraphs }], CHUNK_PRESETS.fast);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.text).toMatch(/\.$/);
  });

  it('repeats the end of one chunk at the start of the next (overlap)', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkSections([{ text }], CHUNK_PRESETS.balanced);
    expect(chunks.length).toBeGreaterThan(1);
    const lastSentence = (t: string): string => t.split('. ').at(-1)!;
    expect(chunks[1]!.text).toContain(lastSentence(chunks[0]!.text));
    expect(chunks[1]!.text.startsWith(chunks[0]!.text.slice(0, 20))).toBe(false);
  });

  it('numbers chunks across sections in file order', () => {
    const long = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkSections([{ text: long, heading: 'A' }, { text: 'short', heading: 'B' }], CHUNK_PRESETS.fast);
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
    expect(chunks.at(-1)).toMatchObject({ text: 'short', heading: 'B' });
  });

  it('never makes a chunk longer than the preset size and loses no word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,30}[.!?]?$/), { minLength: 1, maxLength: 300 }), fc.constantFrom(...Object.values(CHUNK_PRESETS)), (words, preset) => {
        const text = words.join(' ');
        const chunks = chunkSections([{ text }], preset);
        for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(preset.size);
        const joined = chunks.map((c) => c.text).join(' ');
        for (const w of new Set(words)) expect(joined).toContain(w);
      }),
      { numRuns: 100 },
    );
  });
});
