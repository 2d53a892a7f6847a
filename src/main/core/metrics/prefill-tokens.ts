// How many prompt tokens Ollama had to prefill per turn (its prompt_eval_count, recorded as
// llmPrefillTokens). On a laptop CPU each costs 5–10 ms for a 3B model, so a high figure means
// the cached prompt prefix was missed. Pure.
import { percentile } from '../../../shared/latency-stages';

export interface PrefillTokenSummary {
  count: number;
  p50: number;
  p95: number;
}

/** P50/P95 over the turns that recorded a count; null when none did. */
export function summarizePrefillTokens(values: ReadonlyArray<unknown>): PrefillTokenSummary | null {
  const counts = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (counts.length === 0) return null;
  return { count: counts.length, p50: percentile(counts, 50), p95: percentile(counts, 95) };
}
