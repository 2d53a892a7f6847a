import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VectorMatrix, normalize } from '../../../src/main/core/knowledge/vector-matrix';
import { cosineSimilarity } from '../../../src/main/core/store/embedding-vectors';

describe('VectorMatrix', () => {
  it('finds the same nearest rows as sorting every cosine similarity', () => {
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
          const expected = rows.map((r) => cosineSimilarity(Float32Array.from(r), q)).map((s, i) => ({ s, id: i + 100 })).sort((a, b) => b.s - a.s);
          expect(hits).toHaveLength(Math.min(k, rows.length));
          hits.forEach((h, i) => expect(h.similarity).toBeCloseTo(expected[i]!.s, 4));
        },
      ),
      { numRuns: 200 },
    );
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
