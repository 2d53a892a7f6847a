// The benchmark's report: raw measurements in, the JSON object `npm run bench -- --json` prints out,
// with the latency targets checked. Pure.
import { STAGES, stageDuration } from '../src/shared/latency-stages';
import type { TurnMarks } from '../src/shared/turn';
import type { LagFigures } from './event-loop-lag';
import { type FloorParts, floorTotal } from './latency-floor';
import { p50p95, type Percentiles, percentilesOf } from './percentiles';

export interface EarshotTurnFigures {
  voiceToVoiceMs: number;
  floor: FloorParts;
  marks: TurnMarks;
}

export interface Machine {
  cpus: number;
  cpu: string;
  memory_gb: number;
  platform: string;
  node: string;
  /** 1-minute load average at the start and the end of the run (other work on the machine). */
  load_average: { start: number; end: number };
}

export interface BenchMeasurements {
  mode: 'scripted' | 'real';
  profile: Record<string, string>;
  machine: Machine;
  earshot: EarshotTurnFigures[];
  /** Sequential baseline, key-up → audio. */
  baselineMs: number[];
  /** Cache-hit turns, transcript → first audio. */
  cachedMs: number[];
  lag: LagFigures;
  /** The same measure in an idle process at the same time: the machine's own share. */
  idleProcessLag: LagFigures | null;
  rssMb: { start: number; end: number };
  startupReadyMs: number;
  durationS: number;
}

type P2 = { p50: number; p95: number };

export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  met: boolean;
}

export interface BenchReport {
  mode: 'scripted' | 'real';
  turns: number;
  voice_to_voice_ms: Percentiles;
  baseline_voice_to_voice_ms: Percentiles;
  speedup_vs_sequential: number;
  floor_ms: P2;
  floor_parts_p50_ms: { stt: number; llm_to_first_piece: number; tts_first_piece: number };
  overhead_ms: P2;
  cached_voice_to_voice_ms: P2;
  stages: Record<string, Percentiles>;
  /** Earshot's main thread; idle_process_* is a control process doing nothing at the same time. */
  event_loop_lag_ms: { p99: number; max: number; idle_process_p99: number | null; idle_process_max: number | null };
  rss_mb: { start: number; end: number };
  startup_ready_ms: number;
  targets: TargetCheck[];
  all_targets_met: boolean;
  profile: Record<string, string>;
  method: Record<string, string>;
  machine: Machine;
  duration_s: number;
}

/** How each figure is measured, printed with the report. */
export const METHOD: Record<string, string> = {
  voice_to_voice: 'key-up → first audio chunk emitted by the core; with no renderer, playback is reported as starting then',
  floor: 'engine time on the critical path: STT still running after key-up + the LLM until the token that settles the first piece (server side) + TTS of that piece to its audio (with --real: from the turn marks, see profile.floor)',
  overhead: 'voice-to-voice minus the floor: the time Earshot itself adds',
  baseline: 'the same engines run one after another: STT of the whole utterance, memory, the whole LLM reply, TTS of every sentence, then audio; no caches',
  cache_hit: 'the question asked again: transcript → first audio, answered from the response cache and the TTS cache',
  stages: 'latency-stages.ts STAGES over Earshot\'s measured turns',
  event_loop_lag: "how late a 10 ms timer fires on the main thread (HDR histogram) while Earshot's own turns run (the measured and the cache-hit turns), not the sequential baseline or the time between turns; max is reported beside p99; an idle process is measured alongside as a control",
  startup_ready: 'openRuntime on stand-in models in a fresh data folder until it resolves (models load on first key-down)',
};

const NONE: Percentiles = { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN };

export function checkTargets(r: Pick<BenchReport, 'speedup_vs_sequential' | 'overhead_ms' | 'cached_voice_to_voice_ms' | 'event_loop_lag_ms' | 'startup_ready_ms'>): TargetCheck[] {
  const check = (name: string, target: string, value: number, met: boolean): TargetCheck => ({ name, target, value, met: Number.isFinite(value) && met });
  return [
    check('speedup_vs_sequential', '≥ 3', r.speedup_vs_sequential, r.speedup_vs_sequential >= 3),
    check('overhead_ms.p50', '≤ 15 ms', r.overhead_ms.p50, r.overhead_ms.p50 <= 15),
    check('cached_voice_to_voice_ms.p95', '≤ 50 ms', r.cached_voice_to_voice_ms.p95, r.cached_voice_to_voice_ms.p95 <= 50),
    check('event_loop_lag_ms.p99', '≤ 20 ms', r.event_loop_lag_ms.p99, r.event_loop_lag_ms.p99 <= 20),
    check('startup_ready_ms', '≤ 1500 ms', r.startup_ready_ms, r.startup_ready_ms <= 1500),
  ];
}

export function buildReport(m: BenchMeasurements): BenchReport {
  const ours = percentilesOf(m.earshot.map((t) => t.voiceToVoiceMs)) ?? NONE;
  const baseline = percentilesOf(m.baselineMs) ?? NONE;
  const floors = m.earshot.map((t) => floorTotal(t.floor));
  const part = (pick: (f: FloorParts) => number) => percentilesOf(m.earshot.map((t) => pick(t.floor)))?.p50 ?? Number.NaN;
  const stages: Record<string, Percentiles> = {};
  for (const { id: stage, from, to } of STAGES) {
    const values = m.earshot.map((t) => stageDuration(t.marks, from, to)).filter((v): v is number => v !== null);
    const figures = percentilesOf(values);
    if (figures) stages[stage] = figures;
  }
  const partial = {
    speedup_vs_sequential: Math.round((baseline.p50 / ours.p50) * 100) / 100,
    overhead_ms: p50p95(m.earshot.map((t, i) => t.voiceToVoiceMs - (floors[i] as number))) ?? NONE,
    cached_voice_to_voice_ms: p50p95(m.cachedMs) ?? NONE,
    event_loop_lag_ms: { p99: m.lag.p99, max: m.lag.max, idle_process_p99: m.idleProcessLag?.p99 ?? null, idle_process_max: m.idleProcessLag?.max ?? null },
    startup_ready_ms: m.startupReadyMs,
  };
  const targets = checkTargets(partial);
  return {
    mode: m.mode,
    turns: m.earshot.length,
    voice_to_voice_ms: ours,
    baseline_voice_to_voice_ms: baseline,
    ...partial,
    floor_ms: p50p95(floors) ?? NONE,
    floor_parts_p50_ms: { stt: part((f) => f.sttMs), llm_to_first_piece: part((f) => f.llmMs), tts_first_piece: part((f) => f.ttsMs) },
    stages,
    rss_mb: m.rssMb,
    targets,
    all_targets_met: targets.every((t) => t.met),
    profile: m.profile,
    method: METHOD,
    machine: m.machine,
    duration_s: m.durationS,
  };
}
