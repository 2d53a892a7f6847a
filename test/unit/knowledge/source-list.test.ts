import { describe, expect, it } from 'vitest';
import { describeSources, isUnder, withAdded } from '../../../src/main/core/knowledge/source-list';

describe('the document source list', () => {
  it('counts a folder’s files and passages, but not a sibling folder with the same prefix', () => {
    const files = [
      { path: '/docs/a.md', chunkCount: 3 },
      { path: '/docs/sub/b.md', chunkCount: 2 },
      { path: '/docs-old/c.md', chunkCount: 7 },
    ];
    const listed = describeSources(['/docs'], files, { exists: () => true, indexing: new Set() });
    expect(listed).toEqual([{ path: '/docs', files: 2, chunks: 5, state: 'indexed' }]);
    expect(isUnder('/docs-old/c.md', '/docs')).toBe(false);
  });

  it('says when a source is being indexed, gone from disk, or holds nothing readable', () => {
    const state = { exists: (p: string) => p !== '/gone', indexing: new Set(['/busy']) };
    expect(describeSources(['/busy', '/gone', '/empty'], [], state).map((s) => s.state)).toEqual(['indexing', 'missing', 'empty']);
  });

  it('adds new paths at the end, never twice, and folds sources a new folder covers', () => {
    expect(withAdded(['/a', '/b/x.md'], ['/c', '/a', '/a/inner.md'])).toEqual(['/a', '/b/x.md', '/c']);
    expect(withAdded(['/b/x.md', '/a'], ['/b'])).toEqual(['/a', '/b']);
  });
});
