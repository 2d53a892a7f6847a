// The wake-word classifier's score for every 80 ms hop of the benchmark's audio. The decision rule
// (threshold, patience, refractory period) is pure, so once the scores are known any rule can be
// replayed over them in milliseconds: the bench measures the shipped rule this way, and the sweep
// compares candidate rules on the tuning set without running the models again.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decideWake, INITIAL_WAKE_DECISION, type WakeDecisionConfig } from '../src/main/core/engines/wake/wake-decision';
import { WakeDetector } from '../src/main/core/engines/wake/wake-detector';
import type { WakeModels } from '../src/main/core/engines/wake/wake-onnx-models';
import { HOP_MS } from '../src/main/core/engines/wake/wake-timing';
import { speakAs } from '../test/support/wake-speech';
import { mixedNegativeAudio, soxNoise, type WakeCorpus } from './wake-corpus';

const RATE = 16_000;

export interface ClipTrace {
  voice: string;
  speed: number;
  background: string;
  /** Where the phrase ends, ms from the clip's start. */
  endMs: number;
  /** Score of hop i, which ends at (i + 1) × 80 ms. */
  scores: number[];
}

export interface CorpusTraces {
  corpus: string;
  positives: ClipTrace[];
  negativeMinutes: number;
  negativeScores: number[];
  /** CPU time the detector took over the negative stream, per second of audio. */
  cpuMsPerAudioSecond: number;
  wallMsPerHop: number;
}

async function scoresOf(models: WakeModels, audio: Float32Array): Promise<number[]> {
  const scores: number[] = [];
  // The detector's own rule is irrelevant here: only the scores are kept.
  const detector = await WakeDetector.create(models, { onScore: ({ score }) => void scores.push(score) });
  await detector.push(audio);
  return scores;
}

async function positiveTraces(models: WakeModels, corpus: WakeCorpus, log: (line: string) => void): Promise<ClipTrace[]> {
  const traces: ClipTrace[] = [];
  for (const background of corpus.backgrounds) {
    const bed = await soxNoise(corpus.leadSeconds + 6, background);
    for (const voice of corpus.voices) {
      for (const speed of corpus.speeds) {
        const speech = await speakAs('hey jarvis', { voice, speed });
        const at = Math.round(corpus.leadSeconds * RATE);
        const audio = bed.slice(0, at + speech.length + 2 * RATE);
        for (let i = 0; i < speech.length; i++) audio[at + i] = (audio[at + i] as number) + (speech[i] as number) * 0.8;
        const endMs = ((at + speech.length) / RATE) * 1000;
        traces.push({ voice, speed, background: `${background.kind} ${background.level}`, endMs, scores: await scoresOf(models, audio) });
      }
    }
    log(`wake bench: ${corpus.name} positives in ${background.kind} ${background.level} scored`);
  }
  return traces;
}

/** Scores every clip and the negative stream of `corpus`; cached by corpus and length when `useCache`. */
export async function traceCorpus(
  models: WakeModels,
  corpus: WakeCorpus,
  minutes: number,
  cacheDir: string,
  useCache: boolean,
  log: (line: string) => void,
): Promise<CorpusTraces> {
  const file = join(cacheDir, `traces-${corpus.name}-${minutes}min.json`);
  if (useCache && existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as CorpusTraces;
  const positives = await positiveTraces(models, corpus, log);
  const audio = await mixedNegativeAudio(cacheDir, minutes, corpus, log);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const negativeScores = await scoresOf(models, audio);
  const cpu = process.cpuUsage(cpuBefore);
  const audioMs = (audio.length / RATE) * 1000;
  const traces: CorpusTraces = {
    corpus: corpus.name,
    positives,
    negativeMinutes: audioMs / 60_000,
    negativeScores,
    cpuMsPerAudioSecond: ((cpu.user + cpu.system) / 1000 / audioMs) * 1000,
    wallMsPerHop: (performance.now() - wallBefore) / negativeScores.length,
  };
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify(traces));
  return traces;
}

export interface Fired {
  atMs: number;
  score: number;
}

/** The detections `config` makes over a score trace: the same decideWake the live detector runs. */
export function replay(scores: readonly number[], config: WakeDecisionConfig): Fired[] {
  let state = INITIAL_WAKE_DECISION;
  const fired: Fired[] = [];
  scores.forEach((score, hop) => {
    const atMs = (hop + 1) * HOP_MS;
    const next = decideWake(state, { hop, atMs, score, suppressed: false }, config);
    state = next.state;
    if (next.detect) fired.push({ atMs, score });
  });
  return fired;
}
