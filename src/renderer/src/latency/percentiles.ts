// Rolling P50/P95 per stage over the most recent turns (nearest-rank percentiles). Pure.
import type { TurnMarks } from '../../../shared/turn';
import { STAGES, stageDurations, type StageId } from './latency-stages';

/** Nearest-rank percentile of the values (p in 0–100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

export interface StageStats {
  stage: StageId;
  count: number;
  p50: number;
  p95: number;
}

/** Stats for every stage seen in the newest `window` turns (turns given newest first). */
export function rollingStageStats(turns: readonly { marks: TurnMarks }[], window = 50): StageStats[] {
  const recent = turns.slice(0, window).map((t) => stageDurations(t.marks));
  const stats: StageStats[] = [];
  for (const { id } of STAGES) {
    const values = recent.map((d) => d[id]).filter((v): v is number => v !== undefined);
    if (values.length > 0) stats.push({ stage: id, count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) });
  }
  return stats;
}
