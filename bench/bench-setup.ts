// What a benchmark mode provides: the real Assistant to measure, the same engines for the sequential
// baseline, microphone audio for a question, and the engines' own time for a turn (the floor).
import type { Assistant } from '../src/main/core/turn/assistant';
import type { FloorParts } from './latency-floor';
import type { BaselineEngines } from './sequential-baseline';
import type { PushPlan, VoiceTurnSample } from './voice-turn';

export type BenchMode = 'scripted' | 'real' | 'compute-real';

/** One measured turn of a mode's own conversation. */
export interface PlannedQuestion {
  question: string;
  /** What the turn stands for (e.g. 'after-launch'), for the report. */
  case: string;
  /** Wait for a quiet spell after this round. */
  quietAfter: boolean;
  /** False for questions the response cache keeps out (about the user): no cache-hit turn. */
  cacheable?: boolean;
}

/** What a compute-real turn cost inside the engines. */
export interface TurnDetails {
  case: string;
  /** Prompt tokens Ollama evaluated for the reply (its prompt_eval_count) and their prefill time. */
  prefillTokens: number | null;
  promptTokens: number | null;
  prefillMs: number | null;
  /** Time the reply request waited for Ollama's slot (a key-down prefill or background work in it). */
  slotWaitMs: number | null;
  /** Per transcription during the turn (key-down → first audio). */
  sttEncoderMs: number[];
  sttDecoderMs: number[];
  /** The prompt's history was cut back on this turn. */
  cutBack: boolean;
}

export interface BenchSetup {
  mode: BenchMode;
  /** Describes the engines and timings, for the report. */
  profile: Record<string, string>;
  assistant: Assistant;
  baseline: BaselineEngines;
  /** 16 kHz mono audio of the question, as the microphone would deliver it. */
  utterance(question: string): Promise<Float32Array>;
  /** Called before each turn with the question about to be spoken. */
  expect(question: string): void;
  /** How Earshot's measured turns push their audio. */
  push: PushPlan;
  /** How turns whose latency is not measured from key-up push theirs. */
  fastPush: PushPlan;
  /** The engines' own time on the critical path of a measured turn. */
  floor(sample: VoiceTurnSample): FloorParts;
  /** Empties the response, TTS and retrieval caches (before a question set repeats). */
  clearCaches(): void;
  close(): Promise<void>;
  /** The mode's own conversation; the shared question set when absent. */
  plan?(turn: number): PlannedQuestion;
  /** Replaces the unmeasured warm-up round (which would warm what the mode measures cold). */
  warmUp?(): Promise<void>;
  /** Waits out a quiet spell and the background work it lets run. */
  quietSpell?(): Promise<void>;
  details?(sample: VoiceTurnSample, planned: PlannedQuestion): TurnDetails;
  /** Ask the cache-hit question as text: its measure starts at the transcript, so STT only costs time. */
  cacheHitAsText?: boolean;
  /**
   * Asks the repeated question instead of `assistant`: the same caches, but no history, so the
   * repeat does not double the conversation the measured turns prefill.
   */
  cacheHitAssistant?: Assistant;
  /** The baseline stops once it can speak (the first sentence synthesized): the rest only costs time. */
  baselineFirstSentenceOnly?: boolean;
}
