// `npm run bench:wake`: the wake-word detector on generated speech. Recall and detection latency on
// "hey jarvis" in every bench voice, speed and background; false activations over minutes of other
// speech and noise; CPU share of one core and per-hop time while listening at real-time pace.
//   --minutes N (default 30), --json
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tsxWakeWorker } from '../src/main/core/engines/wake/tsx-wake-worker';
import { WakeDetector } from '../src/main/core/engines/wake/wake-detector';
import { packageWakeModelsDir, wakeModelPaths } from '../src/main/core/engines/wake/wake-models';
import { loadWakeModels, type WakeModels } from '../src/main/core/engines/wake/wake-onnx-models';
import { HOP_MS, HOP_SAMPLES } from '../src/main/core/engines/wake/wake-timing';
import { WakeWorkerClient } from '../src/main/core/engines/wake/wake-worker-client';
import { type PlacedSpeech, speakAs } from '../test/support/wake-speech';
import { BACKGROUNDS, BENCH_SPEEDS, BENCH_VOICES, mixedNegativeAudio, soxNoise } from './wake-corpus';

const RATE = 16_000;
const CACHE_DIR = join(__dirname, '..', '.cache', 'wake-bench');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

interface PositiveResult {
  voice: string;
  speed: number;
  background: string;
  detected: boolean;
  extra: number;
  latencyMs: number | null;
  maxScore: number;
}

async function positives(models: WakeModels): Promise<PositiveResult[]> {
  const results: PositiveResult[] = [];
  const backgrounds = BACKGROUNDS.slice(0, 4);
  for (const background of backgrounds) {
    const bed = await soxNoise(5, background);
    for (const voice of BENCH_VOICES) {
      for (const speed of BENCH_SPEEDS) {
        const speech = await speakAs('hey jarvis', { voice, speed });
        const audio = bed.slice(0, Math.round(2 * RATE) + speech.length + Math.round(2 * RATE));
        const at = 2 * RATE;
        for (let i = 0; i < speech.length; i++) audio[at + i] = (audio[at + i] as number) + (speech[i] as number) * 0.8;
        const placed: PlacedSpeech = { audio, startMs: 2000, endMs: ((at + speech.length) / RATE) * 1000 };
        let maxScore = 0;
        const detector = await WakeDetector.create(models, { onScore: ({ score }) => void (maxScore = Math.max(maxScore, score)) });
        const found = await detector.push(placed.audio);
        results.push({
          voice,
          speed,
          background: `${background.kind} ${background.level}`,
          detected: found.length > 0,
          extra: Math.max(0, found.length - 1),
          latencyMs: found[0] ? found[0].atMs - placed.endMs : null,
          maxScore,
        });
      }
    }
    log(`wake bench: positives in ${background.kind} done`);
  }
  return results;
}

async function falseActivations(models: WakeModels, minutes: number) {
  const audio = await mixedNegativeAudio(CACHE_DIR, minutes, 42, log);
  let maxScore = 0;
  let hopsOverHalf = 0;
  const detector = await WakeDetector.create(models, {
    onScore: ({ score }) => {
      maxScore = Math.max(maxScore, score);
      if (score >= 0.5) hopsOverHalf++;
    },
  });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const found = await detector.push(audio);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const audioMs = (audio.length / RATE) * 1000;
  return {
    minutes: audioMs / 60_000,
    detections: found.map((d) => ({ atS: Math.round(d.atMs / 100) / 10, score: Math.round(d.score * 1000) / 1000 })),
    maxScore,
    hopsOverHalf,
    cpuMsPerAudioSecond: ((cpu.user + cpu.system) / 1000 / audioMs) * 1000,
    wallMsPerHop: wallMs / (audio.length / HOP_SAMPLES),
    audio,
  };
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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, json: { type: 'boolean', default: false } } });
  const minutes = Number(values.minutes);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error('--minutes takes a whole number, 1 or more.');
  const models = await loadWakeModels(wakeModelPaths(packageWakeModelsDir(createRequire(__filename).resolve), 'hey_jarvis'));
  const pos = await positives(models);
  const neg = await falseActivations(models, minutes);
  log('wake bench: real-time listening (20 s)…');
  const live = await realTimeListening(neg.audio, 20);

  const latencies = pos.flatMap((p) => (p.latencyMs === null ? [] : [p.latencyMs]));
  const recall = pos.filter((p) => p.detected).length / pos.length;
  const withoutCaribbean = pos.filter((p) => p.voice !== 'en-029');
  const missed = pos.filter((p) => !p.detected).map((p) => `${p.voice}@${p.speed} (${p.background}, best ${p.maxScore.toFixed(2)})`);
  const report = {
    positives: pos.length,
    recall,
    recallWithoutEn029: withoutCaribbean.filter((p) => p.detected).length / withoutCaribbean.length,
    missed,
    /** Recall had the threshold been t: the best score of each clip against t. */
    recallAtThreshold: Object.fromEntries([0.3, 0.5, 0.6, 0.7, 0.8].map((t) => [t, pos.filter((p) => p.maxScore >= t).length / pos.length])),
    recallBySpeed: Object.fromEntries(BENCH_SPEEDS.map((speed) => [speed, pos.filter((p) => p.speed === speed && p.detected).length / pos.filter((p) => p.speed === speed).length])),
    doubleDetections: pos.reduce((n, p) => n + p.extra, 0),
    detectionLatencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(...latencies) },
    falseActivations: { minutes: neg.minutes, count: neg.detections.length, detections: neg.detections, maxScore: neg.maxScore, hopsOverHalf: neg.hopsOverHalf },
    offline: { cpuMsPerAudioSecond: neg.cpuMsPerAudioSecond, wallMsPerHop: neg.wallMsPerHop },
    realTime: live,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  process.stdout.write(
    [
      `| measure | result |`,
      `|---|---|`,
      `| recall, "hey jarvis" (${pos.length} clips: ${BENCH_VOICES.length} voices × ${BENCH_SPEEDS.length} speeds × 4 backgrounds) | ${pct(recall)} (${pct(report.recallWithoutEn029)} without en-029) |`,
      `| recall by speed (wpm) | ${Object.entries(report.recallBySpeed).map(([speed, r]) => `${speed}: ${pct(r)}`).join(', ')} |`,
      `| recall had the threshold been… (best score per clip) | ${Object.entries(report.recallAtThreshold).map(([t, r]) => `${t}: ${pct(r)}`).join(', ')} |`,
      `| missed | ${missed.length === 0 ? 'none' : missed.join(', ')} |`,
      `| detection time after phrase end (stream time) | p50 ${report.detectionLatencyMs.p50.toFixed(0)} ms, p95 ${report.detectionLatencyMs.p95.toFixed(0)} ms, max ${report.detectionLatencyMs.max.toFixed(0)} ms |`,
      `| false activations in ${neg.minutes.toFixed(1)} min of other speech + noise | ${neg.detections.length}${neg.detections.length ? ` (${neg.detections.map((d) => `${d.atS} s @ ${d.score}`).join(', ')})` : ''}; highest score ${neg.maxScore.toFixed(3)}, ${neg.hopsOverHalf} hops ≥ 0.5 |`,
      `| detector CPU, offline | ${neg.cpuMsPerAudioSecond.toFixed(1)} ms per audio second (${(neg.cpuMsPerAudioSecond / 10).toFixed(1)} % of one core), ${neg.wallMsPerHop.toFixed(2)} ms per 80 ms hop |`,
      `| listening at real-time pace, worker (${live.seconds.toFixed(0)} s) | whole process ${live.cpuPercentOfCore.toFixed(1)} % of one core; push → reply p50 ${live.hopP50Ms.toFixed(1)} ms, p95 ${live.hopP95Ms.toFixed(1)} ms |`,
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`wake bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
