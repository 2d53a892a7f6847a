import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, planFile } from '../../../src/main/core/knowledge/ingest-plan';
import type { IndexedFile } from '../../../src/main/core/knowledge/knowledge-index';

const scanned = { path: '/d/a.md', folder: '/d', type: 'md' as const, size: 100, mtimeMs: 5000 };
const indexed: IndexedFile = { ...scanned, hash: 'h', chunkPreset: 'balanced', chunkCount: 2, indexedAt: 0 };

describe('planFile', () => {
  it('leaves a file with the same size and time alone, without reading it', () => {
    expect(planFile(scanned, indexed, 'balanced')).toBe('unchanged');
  });

  it('checks a new file, a changed one, one chunked with another preset, and any on reindex', () => {
    expect(planFile(scanned, undefined, 'balanced')).toBe('check');
    expect(planFile({ ...scanned, mtimeMs: 6000 }, indexed, 'balanced')).toBe('check');
    expect(planFile({ ...scanned, size: 101 }, indexed, 'balanced')).toBe('check');
    expect(planFile(scanned, indexed, 'fast')).toBe('check');
    expect(planFile(scanned, indexed, 'balanced', true)).toBe('check');
  });
});

describe('estimateRemainingMs', () => {
  it('extrapolates the pace so far', () => {
    expect(estimateRemainingMs(1000, 10, 30)).toBe(2000);
    expect(estimateRemainingMs(1000, 0, 30)).toBeNull();
    expect(estimateRemainingMs(1000, 30, 30)).toBe(0);
  });
});
