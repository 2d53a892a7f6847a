import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EvictionCandidate, isExpired, planEviction } from '../../../src/main/core/store/eviction-plan';

const entry = (key: string, bytes: number, lastUsedAt: number, createdAt = 0): EvictionCandidate => ({ key, bytes, lastUsedAt, createdAt });

describe('planEviction', () => {
  it('drops expired entries first, however recently used', () => {
    const plan = planEviction([entry('old', 10, 500, 0), entry('new', 10, 100, 90)], { maxEntries: 10, maxBytes: 1000, ttlMs: 100 }, 120);
    expect(plan).toEqual(['old']);
  });

  it('drops the least recently used until the entry count fits', () => {
    const entries = [entry('a', 1, 30), entry('b', 1, 10), entry('c', 1, 20), entry('d', 1, 40)];
    expect(planEviction(entries, { maxEntries: 2, maxBytes: 1e9, ttlMs: 1e9 }, 50)).toEqual(['b', 'c']);
  });

  it('drops the least recently used until the bytes fit', () => {
    const entries = [entry('big-old', 600, 1), entry('small-new', 100, 9), entry('mid', 300, 5)];
    expect(planEviction(entries, { maxEntries: 10, maxBytes: 500, ttlMs: 1e9 }, 10)).toEqual(['big-old']);
  });

  it('an entry expires at the very moment its time to live runs out', () => {
    expect(isExpired(0, 100, 99)).toBe(false);
    expect(isExpired(0, 100, 100)).toBe(true);
  });

  it('stops as soon as the bytes fit exactly, dropping no more than needed', () => {
    const entries = [entry('a', 100, 1), entry('b', 100, 2), entry('c', 100, 3)];
    expect(planEviction(entries, { maxEntries: 10, maxBytes: 200, ttlMs: 1e9 }, 10)).toEqual(['a']);
  });

  it('between entries last used at the same moment, drops the one written first', () => {
    const entries = [entry('newer', 1, 5, 3), entry('older', 1, 5, 1), entry('newest', 1, 5, 4)];
    expect(planEviction(entries, { maxEntries: 2, maxBytes: 1e9, ttlMs: 1e9 }, 10)).toEqual(['older']);
    expect(planEviction(entries, { maxEntries: 1, maxBytes: 1e9, ttlMs: 1e9 }, 10)).toEqual(['older', 'newer']);
  });

  it('always leaves an unexpired set within both bounds, keeping the most recently used', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bytes: fc.nat(1000), lastUsedAt: fc.nat(1000), createdAt: fc.nat(1000) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 2000 }),
        (raw, maxEntries, maxBytes, ttlMs) => {
          const entries = raw.map((r, i) => entry(`k${i}`, r.bytes, r.lastUsedAt, r.createdAt));
          const now = 1000;
          const doomed = new Set(planEviction(entries, { maxEntries, maxBytes, ttlMs }, now));
          const kept = entries.filter((e) => !doomed.has(e.key));
          expect(kept.length).toBeLessThanOrEqual(maxEntries);
          expect(kept.reduce((s, e) => s + e.bytes, 0)).toBeLessThanOrEqual(maxBytes);
          expect(kept.every((e) => now < e.createdAt + ttlMs)).toBe(true);
          const evictedLive = entries.filter((e) => doomed.has(e.key) && now < e.createdAt + ttlMs);
          for (const gone of evictedLive) for (const stay of kept) expect(gone.lastUsedAt).toBeLessThanOrEqual(stay.lastUsedAt);
        },
      ),
    );
  });
});
