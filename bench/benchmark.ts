// One benchmark run: start-up time, then for each turn Earshot (a fresh question), the sequential
// baseline (same question, same engines) and a cache hit (the question again), with the event loop
// watched throughout. One unmeasured warm-up round first (JIT, HTTP keep-alive, SQLite statements),
// or the mode's own warm-up when a round would warm what it measures cold (compute-real).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PresetName } from '../src/shared/settings';
import type { BenchMeasurements, EarshotTurnFigures } from './bench-report';
import type { BenchSetup, PlannedQuestion, TurnDetails } from './bench-setup';
import { computeRealSetup } from './compute-real-setup';
import { exchangeFor, WARM_UP } from './conversation-set';
import { type LagFigures, type LagMonitor, startLagMonitor } from './event-loop-lag';
import { startLagProbe } from './lag-probe';
import { LAPTOP_PROFILE, type LaptopProfile } from './laptop-profile';
import { realSettings, realSetup, requireRealEngines } from './real-setup';
import { scriptedSetup } from './scripted-setup';
import { runSequentialTurn } from './sequential-baseline';
import { measureStartup } from './startup-time';
import { requireSpoken, runTextTurn, runVoiceTurn } from './voice-turn';

export interface BenchRunOptions {
  turns: number;
  real: boolean;
  /** 'real': the engines compute on real-size stand-ins and the LLM follows a CPU model. */
  compute?: 'scripted' | 'real';
  /** With compute 'real': the settings preset (default balanced). */
  preset?: PresetName;
  env: NodeJS.ProcessEnv;
  resourcesDir: string;
  /** The scripted engines' timings (default: the laptop profile). */
  profile?: LaptopProfile;
  /** One line per finished turn. */
  progress?: (line: string) => void;
}

const rssMb = (): number => Math.round(process.memoryUsage.rss() / 1024 / 1024);
const loadAverage = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

interface RoundFigures {
  earshot: EarshotTurnFigures;
  details: TurnDetails | null;
  baselineMs: number;
  baselineAllSentencesMs: number;
  cachedMs: number | null;
}

const PLAIN = (question: string): PlannedQuestion => ({ question, case: 'plain', quietAfter: false });

/** Earshot, the baseline and a cache hit for one question. */
async function round(setup: BenchSetup, planned: PlannedQuestion, lag?: LagMonitor): Promise<RoundFigures> {
  const { question } = planned;
  const audio = await setup.utterance(question);
  setup.expect(question);
  lag?.resume();
  const ours = await runVoiceTurn(setup.assistant, audio, setup.push).finally(() => lag?.pause());
  requireSpoken(ours, `Earshot's turn "${question}"`);
  if (ours.result.cache.response !== 'miss') throw new Error(`The turn "${question}" was answered from the cache (${ours.result.cache.response}); it must miss to be measured.`);
  const earshot = { voiceToVoiceMs: ours.firstAudio - ours.keyUp, floor: setup.floor(ours), marks: ours.result.marks };
  const details = setup.details?.(ours, planned) ?? null;

  setup.expect(question);
  const baseline = await runSequentialTurn(setup.baseline, audio, setup.baselineFirstSentenceOnly);
  if (planned.cacheable === false) return { earshot, details, baselineMs: baseline.firstAudioMs, baselineAllSentencesMs: baseline.voiceToVoiceMs, cachedMs: null };

  setup.expect(question);
  lag?.resume();
  const asker = setup.cacheHitAssistant ?? setup.assistant;
  const again = await (setup.cacheHitAsText ? runTextTurn(asker, question) : runVoiceTurn(asker, audio, setup.fastPush)).finally(() => lag?.pause());
  requireSpoken(again, `The repeated turn "${question}"`);
  if (again.result.cache.response !== 'hit') throw new Error(`The repeated question "${question}" missed the response cache.`);
  return { earshot, details, baselineMs: baseline.firstAudioMs, baselineAllSentencesMs: baseline.voiceToVoiceMs, cachedMs: again.firstAudio - again.transcriptAt };
}

export async function runBenchmark(options: BenchRunOptions): Promise<BenchMeasurements> {
  const started = performance.now();
  const rssStart = rssMb();
  const loadStart = loadAverage();
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  try {
    if (options.real) {
      const { settings, modelsDir } = realSettings(options.env, dataDir);
      await requireRealEngines(options.env, settings(), modelsDir); // before anything slow
    }
    const startupReadyMs = await measureStartup(options.resourcesDir, options.env);
    const setup = options.real
      ? await realSetup(options.env, dataDir, options.resourcesDir)
      : options.compute === 'real'
        ? await computeRealSetup(dataDir, options.progress, options.preset)
        : await scriptedSetup(options.profile ?? LAPTOP_PROFILE, dataDir);
    const earshot: EarshotTurnFigures[] = [];
    const details: TurnDetails[] = [];
    const baselineMs: number[] = [];
    const baselineAllSentencesMs: number[] = [];
    const cachedMs: number[] = [];
    const asked = new Set<string>();
    let rssEnd = rssStart;
    let lag: LagFigures = { p99: Number.NaN, max: Number.NaN, samples: 0 };
    let idleProcessLag: LagFigures | null = null;
    let stopProbes: (() => Promise<void>) | null = null;
    try {
      if (setup.warmUp) await setup.warmUp();
      else await round(setup, PLAIN(WARM_UP.question));
      const probe = await startLagProbe();
      const monitor = startLagMonitor();
      // A failed turn must not leave the idle probe process (or the monitor) keeping Node alive.
      stopProbes = async () => {
        monitor.stop();
        await probe.stop();
      };
      for (let i = 0; i < options.turns; i++) {
        const planned = setup.plan?.(i) ?? PLAIN(exchangeFor(i).question);
        if (asked.has(planned.question)) {
          setup.clearCaches(); // the question set starts over
          asked.clear();
        }
        asked.add(planned.question);
        const figures = await round(setup, planned, monitor);
        earshot.push(figures.earshot);
        if (figures.details) details.push(figures.details);
        baselineMs.push(figures.baselineMs);
        if (Number.isFinite(figures.baselineAllSentencesMs)) baselineAllSentencesMs.push(figures.baselineAllSentencesMs);
        if (figures.cachedMs !== null) cachedMs.push(figures.cachedMs);
        const f = figures.earshot;
        const d = figures.details;
        options.progress?.(
          `turn ${i + 1}/${options.turns}${d ? ` (${d.case})` : ''}: Earshot ${f.voiceToVoiceMs.toFixed(0)} ms (floor ${(f.floor.sttMs + f.floor.llmMs + f.floor.ttsMs).toFixed(0)}), ` +
            `sequential ${figures.baselineMs.toFixed(0)} ms` +
            (Number.isFinite(figures.baselineAllSentencesMs) ? ` (all sentences ${figures.baselineAllSentencesMs.toFixed(0)})` : '') +
            (figures.cachedMs === null ? '' : `, cache hit ${figures.cachedMs.toFixed(1)} ms`) +
            (d ? `, prefill ${d.prefillTokens ?? '?'} tokens, encoder ${d.sttEncoderMs.map((v) => v.toFixed(0)).join('+') || '?'} ms` : ''),
        );
        if (planned.quietAfter) await setup.quietSpell?.();
      }
      stopProbes = null;
      lag = monitor.stop();
      idleProcessLag = await probe.stop();
      rssEnd = rssMb();
    } finally {
      await stopProbes?.();
      await setup.close();
    }
    const cpu = cpus();
    return {
      mode: setup.mode,
      profile: setup.profile,
      machine: {
        cpus: cpu.length,
        cpu: cpu[0]?.model.trim() ?? 'unknown',
        memory_gb: Math.round(totalmem() / 1024 ** 3),
        platform: `${process.platform} ${process.arch}`,
        node: process.versions.node,
        load_average: { start: loadStart, end: loadAverage() },
      },
      earshot,
      baselineMs,
      ...(baselineAllSentencesMs.length > 0 ? { baselineAllSentencesMs } : {}),
      ...(details.length > 0 ? { details } : {}),
      cachedMs,
      lag,
      idleProcessLag,
      rssMb: { start: rssStart, end: rssEnd },
      startupReadyMs,
      durationS: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
