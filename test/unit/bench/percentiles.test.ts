import { describe, expect, it } from 'vitest';
import { p50p95, percentilesOf } from '../../../bench/percentiles';

describe('benchmark percentiles (HDR histogram)', () => {
  it('gives P50/P95/P99 to within 0.01 %', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 … 1000 ms
    const p = percentilesOf(values)!;
    expect(p.p50).toBeCloseTo(500, 0);
    expect(p.p95).toBeCloseTo(950, 0);
    expect(p.p99).toBeCloseTo(990, 0);
  });

  it('keeps sub-millisecond values and treats negative ones as zero', () => {
    expect(percentilesOf([0.4, 0.4, 0.4])).toEqual({ p50: 0.4, p95: 0.4, p99: 0.4 });
    expect(percentilesOf([-3])?.p50).toBe(0);
  });

  it('has nothing to say about no values', () => {
    expect(percentilesOf([])).toBeNull();
    expect(p50p95([12, 14])).toEqual({ p50: 12, p95: 14 });
  });
});
