import { describe, expect, it } from 'vitest';
import { type BenchMeasurements, buildReport, checkTargets } from '../../../bench/bench-report';
import { formatReport } from '../../../bench/report-table';

function measurements(patch: Partial<BenchMeasurements> = {}): BenchMeasurements {
  const earshot = [900, 1000, 1100].map((v2v) => ({
    voiceToVoiceMs: v2v,
    floor: { sttMs: 90, llmMs: v2v - 400, ttsMs: 300 },
    marks: { keyDown: 0, keyUp: 3000, sttDone: 3090, llmRequest: 3095, llmFirstToken: 3400, firstSentence: 3500, ttsFirstChunk: 3000 + v2v, firstAudioPlayed: 3000 + v2v },
  }));
  return {
    mode: 'scripted',
    profile: { name: 'laptop' },
    machine: { cpus: 2, cpu: 'Test CPU', memory_gb: 8, platform: 'linux x64', node: '22.0.0', load_average: { start: 0.5, end: 0.7 } },
    earshot,
    baselineMs: [3400, 3500, 3600],
    cachedMs: [1, 2, 3],
    lag: { p99: 3, max: 30, samples: 100 },
    idleProcessLag: { p99: 1, max: 12, samples: 100 },
    rssMb: { start: 100, end: 150 },
    startupReadyMs: 40,
    durationS: 12,
    ...patch,
  };
}

describe('benchmark report', () => {
  it('compares Earshot with the sequential baseline and splits its time into floor and overhead', () => {
    const report = buildReport(measurements());
    expect(report.turns).toBe(3);
    expect(report.voice_to_voice_ms.p50).toBeCloseTo(1000, 0);
    expect(report.baseline_voice_to_voice_ms.p50).toBeCloseTo(3500, 0);
    expect(report.speedup_vs_sequential).toBeCloseTo(3.5, 1);
    expect(report.overhead_ms.p50).toBeCloseTo(10, 0);
    expect(report.floor_parts_p50_ms.stt).toBeCloseTo(90, 0);
    expect(report.stages.stt?.p50).toBeCloseTo(90, 0);
    expect(report.stages.voiceToVoice?.p99).toBeCloseTo(1100, 0);
    expect(report.all_targets_met).toBe(true);
  });

  it('names each missed target', () => {
    const report = buildReport(measurements({ baselineMs: [2000, 2000, 2000], lag: { p99: 25, max: 80, samples: 100 } }));
    expect(report.targets.filter((t) => !t.met).map((t) => t.name)).toEqual(['speedup_vs_sequential_all_sentences', 'event_loop_lag_ms.p99']);
    expect(report.all_targets_met).toBe(false);
  });

  it('a figure that could not be measured does not meet its target', () => {
    const checks = checkTargets({
      speedup_vs_sequential: Number.NaN,
      overhead_ms: { p50: 5, p95: 9 },
      cached_voice_to_voice_ms: { p50: 1, p95: 2 },
      event_loop_lag_ms: { p99: 1, max: 2, idle_process_p99: null, idle_process_max: null },
      startup_ready_ms: 20,
    });
    expect(checks.find((c) => c.name === 'speedup_vs_sequential_all_sentences')?.met).toBe(false);
  });

  it('reads as a table for people, with the speedup, the stages, the targets and the profile', () => {
    const text = formatReport(buildReport(measurements()));
    expect(text).toContain('Earshot benchmark — scripted engines, 3 turns');
    expect(text).toContain('Machine: 2 × Test CPU, 8 GB, linux x64, Node 22.0.0, load average 0.5 → 0.7');
    expect(text).toMatch(/Earshot voice-to-voice \(key-up → first audio\)\s+1000\.\d ms/);
    expect(text).toContain('Speedup over the sequential pipeline (p50): 3.5');
    expect(text).toMatch(/speedup_vs_sequential_all_sentences\s+≥ 3\s+3\.5\d?\s+met/);
    expect(text).toContain('Event-loop lag during turns: p99 3.0 ms, max 30.0 ms (an idle process meanwhile: p99 1.0 ms, max 12.0 ms)');
    expect(text).toContain('  name: laptop');
  });

  it('checks the old target against the baseline that waited for every sentence, and reports both speedups', () => {
    const report = buildReport(measurements({ baselineMs: [2000, 2000, 2000], baselineAllSentencesMs: [3500, 3500, 3500] }));
    expect(report.speedup_vs_sequential).toBeCloseTo(2, 1);
    expect(report.speedup_vs_sequential_all_sentences).toBeCloseTo(3.5, 1);
    expect(report.targets.find((t) => t.name === 'speedup_vs_sequential_all_sentences')?.met).toBe(true);
  });

  describe('compute-real', () => {
    const details = [1269, 90, 110].map((tokens, i) => ({
      case: i === 0 ? 'after-launch' : 'plain',
      prefillTokens: tokens,
      promptTokens: 1300,
      prefillMs: tokens * 7.5,
      slotWaitMs: 0,
      sttEncoderMs: [400, 380],
      sttDecoderMs: [120],
      cutBack: false,
    }));

    it('reports prefill tokens, the engines split and each turn with its case', () => {
      const report = buildReport(measurements({ mode: 'compute-real', details }));
      expect(report.llm_prefill_tokens).toEqual({ p50: 110, p95: 1269, max: 1269 });
      expect(report.stages.stt_encoder?.p50).toBeCloseTo(380, 0);
      expect(report.stages.stt_decoder?.p50).toBeCloseTo(120, 0);
      expect(report.stages.llm_prefill?.p95).toBeCloseTo(9517.5, 0);
      expect(report.stages.llm_first_token?.p50).toBeCloseTo(305, 0);
      expect(report.stages.tts_first_chunk?.p50).toBeCloseTo(500, 0);
      expect(report.turn_cases?.map((t) => [t.case, t.llm_prefill_tokens])).toEqual([['after-launch', 1269], ['plain', 90], ['plain', 110]]);
    });

    it("checks the real-laptop targets, the cold turn's prefill included", () => {
      const report = buildReport(measurements({ mode: 'compute-real', details, baselineMs: [2500, 2500, 2500] }));
      const missed = report.targets.filter((t) => !t.met).map((t) => t.name);
      expect(missed).toEqual(['stages.tts_first_chunk.p50']);
      const cold = buildReport(measurements({ mode: 'compute-real', details: details.map((d) => ({ ...d, prefillTokens: 1269 })), baselineMs: [2500, 2500, 2500] }));
      expect(cold.targets.filter((t) => !t.met).map((t) => t.name)).toContain('llm_prefill_tokens.p50');
    });

    it('puts the first cache hit after start beside the later ones', () => {
      const report = buildReport(measurements({ mode: 'compute-real', details, cachedMs: [40, 2, 3] }));
      expect(report.cache_first_after_start).toMatchObject({ first_hit_ms: 40, warm_hit_p50_ms: 2 });
    });
  });
});
