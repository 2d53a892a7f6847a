import { describe, expect, it } from 'vitest';
import { chipLabel, fileNameOf } from '../../../src/renderer/src/knowledge/chip-label';
import { droppedPaths } from '../../../src/renderer/src/knowledge/dropped-paths';
import { isRunning, progressLines } from '../../../src/renderer/src/knowledge/progress-text';
import type { KnowledgeProgress } from '../../../src/shared/knowledge';

const base: KnowledgeProgress = { phase: 'indexing', filesDone: 3, filesTotal: 10, chunks: 40, embedded: 0, toEmbed: 0, etaMs: 12_400, paused: false, skipped: [], keywordOnly: false };

describe('what the Documents panel says about indexing', () => {
  it('counts files and passages and the time left while reading', () => {
    expect(progressLines(base, false)).toEqual([
      { key: 'knowledge.progress.indexing', params: { done: 3, total: 10, chunks: 40 } },
      { key: 'knowledge.progress.eta', params: { seconds: 12 } },
    ]);
    expect(isRunning(base)).toBe(true);
  });

  it('says paused instead of a time left that is not passing', () => {
    expect(progressLines(base, true).at(-1)).toEqual({ key: 'knowledge.progress.paused' });
  });

  it('tells the user when only keyword search is possible after indexing', () => {
    const done = { ...base, phase: 'done' as const, keywordOnly: true };
    expect(progressLines(done, false).map((l) => l.key)).toEqual(['knowledge.done', 'knowledge.keywordOnly']);
    expect(isRunning(done)).toBe(false);
  });
});

describe('source chips', () => {
  it('name the file and the heading, or the page when there is no heading', () => {
    const page = (n: number) => `page ${n}`;
    expect(chipLabel({ path: '/home/ana/docs/espresso.md', heading: 'Descaling', page: null }, page)).toBe('espresso.md · Descaling');
    expect(chipLabel({ path: 'C:\\Users\\ana\\car.pdf', heading: null, page: 2 }, page)).toBe('car.pdf · page 2');
    expect(fileNameOf('/notes/garden.txt')).toBe('garden.txt');
  });
});

describe('dropped files', () => {
  it('have no path in a browser page, and the desktop preload’s path otherwise', () => {
    const file = new File(['x'], 'a.md');
    expect(droppedPaths([file], {} as Window)).toEqual([]);
    expect(droppedPaths([file], { earshotFiles: { pathOf: () => '/home/ana/a.md' } } as unknown as Window)).toEqual(['/home/ana/a.md']);
  });
});
