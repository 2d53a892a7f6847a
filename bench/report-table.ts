// The benchmark report as a table for people (`npm run bench` without --json). Pure.
import type { BenchReport } from './bench-report';
import type { Percentiles } from './percentiles';

const ms = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(1)} ms`);

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  return [row(header, widths), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => row(r, widths))].join('\n');
}

const triple = (name: string, p: Partial<Percentiles>): string[] => [name, ms(p.p50), ms(p.p95), ms(p.p99)];

export function formatReport(r: BenchReport): string {
  const latency = table(
    ['', 'p50', 'p95', 'p99'],
    [
      triple('Earshot voice-to-voice (key-up → first audio)', r.voice_to_voice_ms),
      triple('Sequential baseline (key-up → it can speak)', r.baseline_voice_to_voice_ms),
      ...(r.baseline_all_sentences_ms ? [triple('Sequential baseline, every sentence synthesized', r.baseline_all_sentences_ms)] : []),
      triple('Floor: STT + LLM to first piece + its TTS', r.floor_ms),
      triple('Earshot overhead above the floor', r.overhead_ms),
      triple('Cache hit (transcript → first audio)', r.cached_voice_to_voice_ms),
    ],
  );
  const stages = table(
    ['Stage', 'p50', 'p95', 'p99'],
    Object.entries(r.stages).map(([name, p]) => triple(name, p)),
  );
  const targets = table(
    ['Target', 'wanted', 'got', ''],
    r.targets.map((t) => [t.name, t.target, Number.isFinite(t.value) ? String(t.value) : '—', t.met ? 'met' : 'MISSED']),
  );
  const parts = r.floor_parts_p50_ms;
  return [
    `Earshot benchmark — ${r.mode} engines, ${r.turns} turns, ${r.duration_s.toFixed(0)} s`,
    `Machine: ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memory_gb} GB, ${r.machine.platform}, Node ${r.machine.node}, ` +
      `load average ${r.machine.load_average.start} → ${r.machine.load_average.end}`,
    '',
    latency,
    '',
    `Speedup over the sequential pipeline (p50): ${r.speedup_vs_sequential.toFixed(2)}×` +
      (r.speedup_vs_sequential_all_sentences === null ? '' : ` (${r.speedup_vs_sequential_all_sentences.toFixed(2)}× over the one that waits for every sentence)`),
    ...(r.llm_prefill_tokens ? [`LLM prompt tokens prefilled after key-up: p50 ${r.llm_prefill_tokens.p50}, p95 ${r.llm_prefill_tokens.p95}, max ${r.llm_prefill_tokens.max}`] : []),
    ...(r.cache_first_after_start
      ? [`Cache after start: first hit ${ms(r.cache_first_after_start.first_hit_ms)} (later p50 ${ms(r.cache_first_after_start.warm_hit_p50_ms)}); first lookup (prompt stage) ${ms(r.cache_first_after_start.first_prompt_stage_ms)} (later p50 ${ms(r.cache_first_after_start.later_prompt_stage_p50_ms)})`]
      : []),
    `Floor parts (p50): STT after key-up ${ms(parts.stt)}, LLM to first piece ${ms(parts.llm_to_first_piece)}, TTS of it ${ms(parts.tts_first_piece)}`,
    `Event-loop lag during turns: p99 ${ms(r.event_loop_lag_ms.p99)}, max ${ms(r.event_loop_lag_ms.max)} ` +
      `(an idle process meanwhile: p99 ${ms(r.event_loop_lag_ms.idle_process_p99 ?? undefined)}, max ${ms(r.event_loop_lag_ms.idle_process_max ?? undefined)})`,
    `Memory (RSS): ${r.rss_mb.start} MB at start, ${r.rss_mb.end} MB at end`,
    `Startup to ready-to-listen: ${ms(r.startup_ready_ms)}`,
    '',
    stages,
    '',
    targets,
    '',
    ...(r.turn_cases
      ? [
          table(
            ['Turn', 'case', 'voice-to-voice', 'baseline', 'prefill tokens', 'prefill', 'encoder runs'],
            r.turn_cases.map((t) => [String(t.turn), t.case, ms(t.voice_to_voice_ms), ms(t.baseline_ms), String(t.llm_prefill_tokens ?? '—'), ms(t.llm_prefill_ms ?? undefined), t.stt_encoder_ms.map((v) => v.toFixed(0)).join(' + ')]),
          ),
          '',
        ]
      : []),
    'Profile:',
    ...Object.entries(r.profile).map(([key, text]) => `  ${key}: ${text}`),
    '',
  ].join('\n');
}
