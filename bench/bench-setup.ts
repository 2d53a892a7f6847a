// What a benchmark mode provides: the real Assistant to measure, the same engines for the sequential
// baseline, microphone audio for a question, and the engines' own time for a turn (the floor).
import type { Assistant } from '../src/main/core/turn/assistant';
import type { FloorParts } from './latency-floor';
import type { BaselineEngines } from './sequential-baseline';
import type { PushPlan, VoiceTurnSample } from './voice-turn';

export interface BenchSetup {
  mode: 'scripted' | 'real';
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
}
