// The stages a turn's latency is split into, each between two of the turn's marks, and their
// percentiles. Pure; shared by main (the latency summary, `npm run analyze`, the benchmark) and the
// page's latency view. A stage counts only when the turn has both marks, in order.
import type { StageSummary } from './records';
import type { MarkName, TurnMarks } from './turn';

export const STAGES = [
  { id: 'stt', from: 'keyUp', to: 'sttDone' },
  { id: 'memory', from: 'keyDown', to: 'memoryReady' },
  { id: 'prompt', from: 'sttDone', to: 'llmRequest' },
  { id: 'llmFirstToken', from: 'llmRequest', to: 'llmFirstToken' },
  { id: 'firstSentence', from: 'llmFirstToken', to: 'firstSentence' },
  { id: 'ttsFirstChunk', from: 'firstSentence', to: 'ttsFirstChunk' },
  { id: 'playback', from: 'ttsFirstChunk', to: 'firstAudioPlayed' },
  { id: 'llmTotal', from: 'llmRequest', to: 'llmDone' },
  { id: 'voiceToVoice', from: 'keyUp', to: 'firstAudioPlayed' },
  { id: 'keyUpToFirstAudio', from: 'keyUp', to: 'ttsFirstChunk' },
] as const satisfies ReadonlyArray<{ id: string; from: MarkName; to: MarkName }>;

export type StageId = (typeof STAGES)[number]['id'];

export function stageDuration(marks: TurnMarks, from: MarkName, to: MarkName): number | null {
  const a = marks[from];
  const b = marks[to];
  return a === undefined || b === undefined || b < a ? null : b - a;
}

/** Milliseconds per stage for one turn; stages missing a mark (or running backwards) are left out. */
export function stageDurations(marks: TurnMarks): Partial<Record<StageId, number>> {
  const out: Partial<Record<StageId, number>> = {};
  for (const { id, from, to } of STAGES) {
    const ms = stageDuration(marks, from, to);
    if (ms !== null) out[id] = ms;
  }
  return out;
}

/** Nearest-rank percentile (p in 0–100) of the values, in any order; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] as number;
}

/** P50/P95/P99 for every stage that the turns have. */
export function summarizeStages(turns: ReadonlyArray<{ marks: TurnMarks }>): StageSummary[] {
  const durations = turns.map((t) => stageDurations(t.marks));
  return STAGES.flatMap(({ id }) => {
    const values = durations.map((d) => d[id]).filter((v): v is number => v !== undefined);
    if (values.length === 0) return [];
    return [{ stage: id, count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) }];
  });
}
