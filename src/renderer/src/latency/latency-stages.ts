// The stages the latency view shows, in waterfall order: a subset of the shared definitions
// (src/shared/latency-stages.ts), so the page and `npm run analyze` measure a stage the same way.
import type { StageId } from '../../../shared/latency-stages';

export { stageDurations, type StageId } from '../../../shared/latency-stages';

export const VIEW_STAGES = ['stt', 'prompt', 'llmFirstToken', 'firstSentence', 'ttsFirstChunk', 'playback', 'llmTotal', 'voiceToVoice'] as const satisfies readonly StageId[];

export type ViewStageId = (typeof VIEW_STAGES)[number];
