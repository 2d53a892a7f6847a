// The stages a turn's latency is split into, each between two marks of DESIGN.md §8, and how long
// each took in one turn. A stage counts only when the turn has both of its marks. Stage ids match
// main's (src/main/core/latency-stages.ts) where they measure the same thing; the page adds the
// gaps a waterfall needs (prompt, playback).
import type { MarkName, TurnMarks } from '../../../shared/turn';

export const STAGES = [
  { id: 'stt', from: 'keyUp', to: 'sttDone' },
  { id: 'prompt', from: 'sttDone', to: 'llmRequest' },
  { id: 'llmFirstToken', from: 'llmRequest', to: 'llmFirstToken' },
  { id: 'firstSentence', from: 'llmFirstToken', to: 'firstSentence' },
  { id: 'ttsFirstChunk', from: 'firstSentence', to: 'ttsFirstChunk' },
  { id: 'playback', from: 'ttsFirstChunk', to: 'firstAudioPlayed' },
  { id: 'llmTotal', from: 'llmRequest', to: 'llmDone' },
  { id: 'voiceToVoice', from: 'keyUp', to: 'firstAudioPlayed' },
] as const satisfies readonly { id: string; from: MarkName; to: MarkName }[];

export type StageId = (typeof STAGES)[number]['id'];

/** Milliseconds per stage for one turn; stages missing a mark (or running backwards) are left out. */
export function stageDurations(marks: TurnMarks): Partial<Record<StageId, number>> {
  const out: Partial<Record<StageId, number>> = {};
  for (const stage of STAGES) {
    const from = marks[stage.from];
    const to = marks[stage.to];
    if (from !== undefined && to !== undefined && to >= from) out[stage.id] = to - from;
  }
  return out;
}
