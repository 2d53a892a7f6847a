// Percentiles for the report, from an HDR histogram (hdr-histogram-js). Values are recorded in
// microseconds to four significant digits (0.01 %) and reported in milliseconds, rounded to 0.1 ms.
import * as hdr from 'hdr-histogram-js';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** P50/P95/P99 of millisecond values (negative values count as 0), or null when there are none. */
export function percentilesOf(valuesMs: readonly number[]): Percentiles | null {
  if (valuesMs.length === 0) return null;
  const histogram = hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 4, autoResize: true });
  try {
    for (const ms of valuesMs) histogram.recordValue(Math.max(0, Math.round(ms * 1000)));
    const at = (p: number) => round(histogram.getValueAtPercentile(p) / 1000);
    return { p50: at(50), p95: at(95), p99: at(99) };
  } finally {
    histogram.destroy();
  }
}

/** P50/P95 only. */
export function p50p95(valuesMs: readonly number[]): { p50: number; p95: number } | null {
  const all = percentilesOf(valuesMs);
  return all ? { p50: all.p50, p95: all.p95 } : null;
}
