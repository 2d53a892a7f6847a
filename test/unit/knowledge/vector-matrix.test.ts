import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RESCORE_POOL, VectorMatrix, normalize } from '../../../src/main/core/knowledge/vector-matrix';
import { cosineSimilarity } from '../../../src/main/core/store/embedding-vectors';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomVector = (random: () => number, dims: number): Float32Array => Float32Array.from({ length: dims }, () => random() * 2 - 1);

function exactTop(rows: Float32Array[], query: Float32Array, k: number, ids = rows.map((_, i) => i)): number[] {
  return rows
    .map((r, i) => ({ id: ids[i]!, s: cosineSimilarity(r, query) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, k)
    .map((h) => h.id);
}

describe('VectorMatrix', () => {
  it('gives every row its cosine similarity to within 2 % (int8 rescoring), best first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (rows, query, k) => {
          const matrix = new VectorMatrix(4, 2);
          rows.forEach((r, i) => matrix.add(i + 100, Float32Array.from(r)));
          const q = Float32Array.from(query);
          const hits = matrix.search(q, k);
          const expected = rows.map((r) => cosineSimilarity(Float32Array.from(r), q)).sort((a, b) => b - a);
          expect(hits).toHaveLength(Math.min(k, rows.length));
          hits.forEach((h, i) => expect(Math.abs(h.similarity - expected[i]!)).toBeLessThan(0.02));
          for (let i = 1; i < hits.length; i++) expect(hits[i]!.similarity).toBeLessThanOrEqual(hits[i - 1]!.similarity);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds the true nearest rows in a matrix far larger than its rescore pool', () => {
    const random = seeded(5);
    const dims = 96;
    const rows = Array.from({ length: RESCORE_POOL * 12 }, () => randomVector(random, dims));
    const matrix = new VectorMatrix(dims);
    rows.forEach((r, i) => matrix.add(i, r));
    let found = 0;
    for (let trial = 0; trial < 20; trial++) {
      // A question close to one stored passage (its vector plus noise) must find that passage first.
      const target = Math.floor(random() * rows.length);
      const query = rows[target]!.map((x) => x + (random() - 0.5) * 0.6);
      const hits = matrix.search(query, 10);
      expect(hits[0]!.id).toBe(target);
      const exact = exactTop(rows, query, 10);
      found += hits.filter((h) => exact.includes(h.id)).length;
    }
    expect(found / 200).toBeGreaterThan(0.8);
  });

  it('never returns a removed row, and still finds the others after compacting', () => {
    const random = seeded(9);
    const rows = Array.from({ length: 400 }, () => randomVector(random, 16));
    const matrix = new VectorMatrix(16, 8);
    rows.forEach((r, i) => matrix.add(i, r));
    for (let i = 0; i < 300; i++) matrix.remove(i);
    expect(matrix.size).toBe(100);
    for (let i = 300; i < 400; i++) expect(matrix.search(rows[i]!, 1)[0]!.id).toBe(i);
    const all = matrix.search(rows[0]!, 400).map((h) => h.id);
    expect(all.every((id) => id >= 300)).toBe(true);
    // Adding an id already held replaces its vector instead of holding it twice.
    matrix.add(350, rows[0]!);
    expect(matrix.size).toBe(100);
    expect(matrix.search(rows[0]!, 1)[0]!.id).toBe(350);
  });

  it('searches only the rows a filter allows', () => {
    const matrix = new VectorMatrix(2);
    matrix.add(1, Float32Array.from([1, 0]));
    matrix.add(2, Float32Array.from([0.9, 0.1]));
    matrix.add(3, Float32Array.from([0, 1]));
    expect(matrix.search(Float32Array.from([1, 0]), 2, new Set([2, 3])).map((h) => h.id)).toEqual([2, 3]);
  });

  it('ignores a vector of another size', () => {
    const matrix = new VectorMatrix(2);
    matrix.add(1, Float32Array.from([1, 0, 0]));
    expect(matrix.size).toBe(0);
    expect(matrix.search(Float32Array.from([1, 0, 0]), 3)).toEqual([]);
    expect(Array.from(normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
  });
});
