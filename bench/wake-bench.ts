// `npm run bench:wake`: the wake-word detector on generated speech. Recall and detection latency on
// "hey jarvis" in every bench voice, speed and background; false activations over minutes of other
// speech and noise; CPU share of one core and per-hop time while listening at real-time pace.
// Two sets: the tuning set the decision rule was chosen on, and a held-out set (other voices,
// speeds, noise, sentences) that never steered it; both are reported.
//   --minutes N (default 30), --json
//   --sweep           candidate rules on the tuning set (scores cached from an earlier run)
//   --cached-scores   reuse the scores of an earlier run instead of running the models again
//   --barge-in        only the spoken barge-in stop time (see wake-barge-in.ts)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tsxWakeWorker } from '../src/main/core/engines/wake/tsx-wake-worker';
import { DEFAULT_WAKE_DECISION, type WakeDecisionConfig } from '../src/main/core/engines/wake/wake-decision';
import { packageWakeModelsDir, wakeModelPaths } from '../src/main/core/engines/wake/wake-models';
import { loadWakeModels } from '../src/main/core/engines/wake/wake-onnx-models';
import { HOP_MS, HOP_SAMPLES } from '../src/main/core/engines/wake/wake-timing';
import { WakeWorkerClient } from '../src/main/core/engines/wake/wake-worker-client';
import { HELD_OUT_CORPUS, mixedNegativeAudio, TUNING_CORPUS, type WakeCorpus } from './wake-corpus';
import { bargeInBench, OLD_PAGE_FEED, PAGE_FEED } from './wake-barge-in';
import { type CorpusTraces, replay, traceCorpus } from './wake-traces';

const CACHE_DIR = join(__dirname, '..', '.cache', 'wake-bench');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** The worker fed 80 ms chunks at real-time pace: whole-process CPU and push → reply time. */
async function realTimeListening(audio: Float32Array, seconds: number) {
  const paths = wakeModelPaths(packageWakeModelsDir(createRequire(__filename).resolve), 'hey_jarvis');
  const client = await WakeWorkerClient.start(tsxWakeWorker(), { paths });
  const roundTrips: number[] = [];
  const hops = Math.floor((seconds * 1000) / HOP_MS);
  // one hop to let the worker's first inference warm up before measuring
  await client.push(audio.slice(0, HOP_SAMPLES));
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let hop = 1; hop <= hops; hop++) {
    const due = started + hop * HOP_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    await client.push(audio.slice(hop * HOP_SAMPLES, (hop + 1) * HOP_SAMPLES));
    roundTrips.push(performance.now() - sent);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  await client.close();
  return { seconds: wallMs / 1000, cpuPercentOfCore: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, hopP50Ms: quantile(roundTrips, 0.5), hopP95Ms: quantile(roundTrips, 0.95) };
}

interface SetReport {
  positives: number;
  recall: number;
  missed: string[];
  doubleDetections: number;
  latencyMs: { p50: number; p95: number; max: number };
  falseActivations: { minutes: number; count: number; detections: { atS: number; score: number }[]; maxScore: number };
}

/** What `config` makes of one set's scores: recall, time after the phrase, false activations. */
function evaluate(traces: CorpusTraces, config: WakeDecisionConfig): SetReport {
  const clips = traces.positives.map((clip) => ({ clip, fired: replay(clip.scores, config) }));
  const latencies = clips.flatMap(({ clip, fired }) => (fired[0] ? [fired[0].atMs - clip.endMs] : []));
  const negatives = replay(traces.negativeScores, config);
  return {
    positives: clips.length,
    recall: clips.filter(({ fired }) => fired.length > 0).length / clips.length,
    missed: clips
      .filter(({ fired }) => fired.length === 0)
      .map(({ clip }) => `${clip.voice}@${clip.speed} (${clip.background}, best ${Math.max(...clip.scores).toFixed(2)})`),
    doubleDetections: clips.reduce((n, { fired }) => n + Math.max(0, fired.length - 1), 0),
    latencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(...latencies) },
    falseActivations: {
      minutes: traces.negativeMinutes,
      count: negatives.length,
      detections: negatives.map((d) => ({ atS: Math.round(d.atMs / 100) / 10, score: Math.round(d.score * 1000) / 1000 })),
      maxScore: Math.max(...traces.negativeScores),
    },
  };
}

/** Candidate rules on the tuning set only: the held-out set must not steer the choice. */
function sweep(tuning: CorpusTraces): string {
  const rows = ['| threshold | patience | recall | false activations | p50 after phrase end |', '|---|---|---|---|---|'];
  for (const patience of [1, 2, 3]) {
    for (let t = 30; t <= 90; t += 5) {
      const report = evaluate(tuning, { ...DEFAULT_WAKE_DECISION, threshold: t / 100, patience });
      rows.push(`| ${t / 100} | ${patience} | ${pct(report.recall)} | ${report.falseActivations.count} | ${report.latencyMs.p50.toFixed(0)} ms |`);
    }
  }
  return rows.join('\n');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function setRows(name: string, corpus: WakeCorpus, report: SetReport): string[] {
  const fa = report.falseActivations;
  return [
    `| ${name}: recall, "hey jarvis" (${report.positives} clips: ${corpus.voices.length} voices × ${corpus.speeds.length} speeds × ${corpus.backgrounds.length} backgrounds) | ${pct(report.recall)} |`,
    `| ${name}: missed | ${report.missed.length === 0 ? 'none' : report.missed.join(', ')} |`,
    `| ${name}: detection time after phrase end (stream time) | p50 ${report.latencyMs.p50.toFixed(0)} ms, p95 ${report.latencyMs.p95.toFixed(0)} ms, max ${report.latencyMs.max.toFixed(0)} ms |`,
    `| ${name}: false activations in ${fa.minutes.toFixed(1)} min of other speech + noise | ${fa.count}${fa.count ? ` (${fa.detections.map((d) => `${d.atS} s @ ${d.score}`).join(', ')})` : ''}; highest hop score ${fa.maxScore.toFixed(3)} |`,
  ];
}

function bargeInRow(r: Awaited<ReturnType<typeof bargeInBench>>): string {
  const feed = `${r.feed.frame}-sample frames${r.feed.regroup ? ' regrouped into 100 ms chunks' : ', each sent as it fills'}`;
  return `| spoken barge-in: speech onset → reply silenced in main (${r.trials} trials${r.missed ? `, ${r.missed} not stopped` : ''}; ${feed}) | p50 ${r.stopMs.p50.toFixed(0)} ms, p95 ${r.stopMs.p95.toFixed(0)} ms, max ${r.stopMs.max.toFixed(0)} ms (processing p50 ${r.processingMs.p50.toFixed(1)} ms) |`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
      sweep: { type: 'boolean', default: false },
      'cached-scores': { type: 'boolean', default: false },
      'barge-in': { type: 'boolean', default: false },
    },
  });
  if (values['barge-in']) {
    const rows = [];
    for (const feed of [PAGE_FEED, OLD_PAGE_FEED]) rows.push(bargeInRow(await bargeInBench(feed, log)));
    process.stdout.write(`${rows.join('\n')}\n`);
    return;
  }
  const minutes = Number(values.minutes);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error('--minutes takes a whole number, 1 or more.');
  const models = await loadWakeModels(wakeModelPaths(packageWakeModelsDir(createRequire(__filename).resolve), 'hey_jarvis'));
  const useCache = values['cached-scores'] || values.sweep;
  const tuning = await traceCorpus(models, TUNING_CORPUS, minutes, CACHE_DIR, useCache, log);
  if (values.sweep) {
    process.stdout.write(`${sweep(tuning)}\n`);
    return;
  }
  const heldOut = await traceCorpus(models, HELD_OUT_CORPUS, minutes, CACHE_DIR, useCache, log);
  log('wake bench: real-time listening (20 s)…');
  const live = await realTimeListening(await mixedNegativeAudio(CACHE_DIR, minutes, TUNING_CORPUS), 20);
  const bargeIn = await bargeInBench(PAGE_FEED, log);
  const config = DEFAULT_WAKE_DECISION;
  const report = {
    rule: config,
    tuning: evaluate(tuning, config),
    heldOut: evaluate(heldOut, config),
    offline: { cpuMsPerAudioSecond: tuning.cpuMsPerAudioSecond, wallMsPerHop: tuning.wallMsPerHop },
    realTime: live,
    bargeIn,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    [
      `| measure (rule: threshold ${config.threshold}, ${config.patience} hop${config.patience === 1 ? '' : 's'} in a row, ${config.refractoryMs} ms refractory) | result |`,
      `|---|---|`,
      ...setRows('tuning', TUNING_CORPUS, report.tuning),
      ...setRows('held-out', HELD_OUT_CORPUS, report.heldOut),
      `| detector CPU, offline | ${tuning.cpuMsPerAudioSecond.toFixed(1)} ms per audio second (${(tuning.cpuMsPerAudioSecond / 10).toFixed(1)} % of one core), ${tuning.wallMsPerHop.toFixed(2)} ms per 80 ms hop |`,
      `| listening at real-time pace, worker (${live.seconds.toFixed(0)} s) | whole process ${live.cpuPercentOfCore.toFixed(1)} % of one core; push → reply p50 ${live.hopP50Ms.toFixed(1)} ms, p95 ${live.hopP95Ms.toFixed(1)} ms |`,
      bargeInRow(bargeIn),
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`wake bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
