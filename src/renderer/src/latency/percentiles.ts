// Rolling P50/P95 per stage over the most recent turns (nearest-rank percentiles). Pure.
import type { TurnMarks } from '../../../shared/turn';
import { percentile } from '../../../shared/latency-stages';
import { stageDurations, VIEW_STAGES, type ViewStageId } from './latency-stages';

export { percentile };

export interface StageStats {
  stage: ViewStageId;
  count: number;
  p50: number;
  p95: number;
}

/**
 * The turns the percentiles cover: the newest `window` the pipeline answered — not a failed or
 * interrupted turn (its stages are not latencies), nor a cache hit (no STT → LLM → TTS to time).
 */
export function turnsForStats<T extends { complete: boolean; cache?: string }>(turns: readonly T[], window = 50): T[] {
  return turns.filter((t) => t.complete && t.cache !== 'hit').slice(0, window);
}

/** Stats for every stage seen in the newest `window` finished turns (turns given newest first). */
export function rollingStageStats(turns: readonly { marks: TurnMarks; complete: boolean; cache?: string }[], window = 50): StageStats[] {
  const recent = turnsForStats(turns, window).map((t) => stageDurations(t.marks));
  const stats: StageStats[] = [];
  for (const id of VIEW_STAGES) {
    const values = recent.map((d) => d[id]).filter((v): v is number => v !== undefined);
    if (values.length > 0) stats.push({ stage: id, count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) });
  }
  return stats;
}
