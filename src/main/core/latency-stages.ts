// Latency per stage from turn marks (DESIGN.md §8): the stage definitions and their percentiles.
// Pure; shared by the app's latency view and `npm run analyze`.
import type { StageSummary } from '../../shared/records';
import type { MarkName, TurnMarks } from '../../shared/turn';

/** A stage is the time from one mark to another. */
export const STAGES: ReadonlyArray<{ stage: string; from: MarkName; to: MarkName }> = [
  { stage: 'stt', from: 'keyUp', to: 'sttDone' },
  { stage: 'memory', from: 'keyDown', to: 'memoryReady' },
  { stage: 'llmFirstToken', from: 'llmRequest', to: 'llmFirstToken' },
  { stage: 'firstSentence', from: 'llmFirstToken', to: 'firstSentence' },
  { stage: 'ttsFirstChunk', from: 'firstSentence', to: 'ttsFirstChunk' },
  { stage: 'llmTotal', from: 'llmRequest', to: 'llmDone' },
  { stage: 'voiceToVoice', from: 'keyUp', to: 'firstAudioPlayed' },
  { stage: 'keyUpToFirstAudio', from: 'keyUp', to: 'ttsFirstChunk' },
];

export function stageDuration(marks: TurnMarks, from: MarkName, to: MarkName): number | null {
  const a = marks[from];
  const b = marks[to];
  return a === undefined || b === undefined || b < a ? null : b - a;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarizeStages(turns: ReadonlyArray<{ marks: TurnMarks }>): StageSummary[] {
  return STAGES.flatMap(({ stage, from, to }) => {
    const values = turns
      .map((t) => stageDuration(t.marks, from, to))
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    if (values.length === 0) return [];
    return [{ stage, count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) }];
  });
}
