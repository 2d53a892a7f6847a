// The compute-real benchmark's own figures: where the engines' time went (Whisper's encoder and
// decoder, the LLM's prefill and the tokens it had to prefill), each measured turn with the case it
// stands for, and the targets of the real-laptop latency issue. Pure.
import { stageDuration } from '../src/shared/latency-stages';
import type { TurnMarks } from '../src/shared/turn';
import type { TurnDetails } from './bench-setup';
import { type Percentiles, percentilesOf } from './percentiles';

export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  met: boolean;
}

export interface TurnCaseRow {
  turn: number;
  case: string;
  voice_to_voice_ms: number;
  baseline_ms: number;
  llm_prefill_tokens: number | null;
  llm_prefill_ms: number | null;
  llm_slot_wait_ms: number | null;
  stt_encoder_ms: number[];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Encoder, decoder and prefill times, and the LLM/TTS stages under the names. */
export function computeStages(details: readonly TurnDetails[], marks: readonly TurnMarks[]): Record<string, Percentiles> {
  const out: Record<string, Percentiles> = {};
  const add = (name: string, values: number[]) => {
    const p = percentilesOf(values);
    if (p) out[name] = p;
  };
  const known = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
  add('stt_encoder', details.flatMap((d) => d.sttEncoderMs));
  add('stt_decoder', details.flatMap((d) => d.sttDecoderMs));
  add('llm_prefill', known(details.map((d) => d.prefillMs)));
  add('llm_first_token', known(marks.map((m) => stageDuration(m, 'llmRequest', 'llmFirstToken'))));
  add('tts_first_chunk', known(marks.map((m) => stageDuration(m, 'firstSentence', 'ttsFirstChunk'))));
  return out;
}

/** Prompt tokens Ollama evaluated per turn after key-up (its prompt_eval_count), or null without them. */
export function prefillTokenFigures(details: readonly TurnDetails[]): { p50: number; p95: number; max: number } | null {
  const values = details.map((d) => d.prefillTokens).filter((v): v is number => v !== null);
  const p = percentilesOf(values);
  return p ? { p50: Math.round(p.p50), p95: Math.round(p.p95), max: Math.max(...values) } : null;
}

export function turnCases(details: readonly TurnDetails[], voiceToVoiceMs: readonly number[], baselineMs: readonly number[]): TurnCaseRow[] {
  return details.map((d, i) => ({
    turn: i + 1,
    case: d.case,
    voice_to_voice_ms: round1(voiceToVoiceMs[i] ?? Number.NaN),
    baseline_ms: round1(baselineMs[i] ?? Number.NaN),
    llm_prefill_tokens: d.prefillTokens,
    llm_prefill_ms: d.prefillMs === null ? null : round1(d.prefillMs),
    llm_slot_wait_ms: d.slotWaitMs === null ? null : round1(d.slotWaitMs),
    stt_encoder_ms: d.sttEncoderMs.map(round1),
  }));
}

export interface ComputeTargetInput {
  voice_to_voice_ms: Percentiles;
  stages: Record<string, Percentiles>;
  llm_prefill_tokens: { p50: number } | null;
  speedup_vs_sequential: number;
  overhead_ms: { p50: number };
  event_loop_lag_ms: { p99: number };
}

/** The real-laptop targets, over every measured turn (the cold-prefix ones included). */
export function computeTargets(r: ComputeTargetInput): TargetCheck[] {
  const check = (name: string, target: string, value: number | undefined, met: (v: number) => boolean): TargetCheck => {
    const v = value ?? Number.NaN;
    return { name, target, value: v, met: Number.isFinite(v) && met(v) };
  };
  return [
    check('voice_to_voice_ms.p50', '≤ 1500 ms', r.voice_to_voice_ms.p50, (v) => v <= 1500),
    check('voice_to_voice_ms.p95', '≤ 2000 ms', r.voice_to_voice_ms.p95, (v) => v <= 2000),
    check('stages.stt.p50', '≤ 250 ms', r.stages.stt?.p50, (v) => v <= 250),
    check('llm_prefill_tokens.p50', '≤ 120', r.llm_prefill_tokens?.p50, (v) => v <= 120),
    check('stages.tts_first_chunk.p50', '≤ 200 ms', r.stages.tts_first_chunk?.p50, (v) => v <= 200),
    check('speedup_vs_sequential', '≥ 2', r.speedup_vs_sequential, (v) => v >= 2),
    check('overhead_ms.p50', '≤ 15 ms', r.overhead_ms.p50, (v) => v <= 15),
    check('event_loop_lag_ms.p99', '≤ 20 ms', r.event_loop_lag_ms.p99, (v) => v <= 20),
  ];
}
