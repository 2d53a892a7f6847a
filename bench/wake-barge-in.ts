// Spoken barge-in stop time: from the first sample of the user's speech in the microphone stream to
// the moment main tells the window to silence the reply (the hands-free state turning to
// 'capturing', on which the window stops playback). The hands-free controller runs as in the app:
// real Silero VAD, the wake-word worker, audio arriving as the window sends it: each device frame
// (FRAME_SAMPLES in the page's microphone-stream.ts) as soon as it is full. `--frame 2048` with
// regrouping into 100 ms chunks (the `before` option) measures the page as it was before. The stop time is
//   (stream time at which the chunk that triggered it had fully arrived − speech onset)
//   + the time main took to process that chunk,
// which equals the real-time figure as long as processing keeps up with the audio (it does: a few
// ms per 100 ms chunk). Not included: the WebSocket/IPC hop to the window and its stop() call.
import { createRequire } from 'node:module';
import { SileroVad } from '../src/main/core/engines/vad/silero-vad';
import { tsxWakeWorker } from '../src/main/core/engines/wake/tsx-wake-worker';
import { packageWakeModelsDir, wakeModelPaths } from '../src/main/core/engines/wake/wake-models';
import { WakeWorkerClient } from '../src/main/core/engines/wake/wake-worker-client';
import { HandsFreeController } from '../src/main/core/turn/hands-free';
import { DEFAULT_TALK_CONFIG } from '../src/shared/talk-machine';
import type { TurnResult } from '../src/shared/turn';
import { concatAudio } from '../test/support/speech-fixtures';
import { noise, speakAs } from '../test/support/wake-speech';

const RATE = 16_000;
const VOICES = ['en-us', 'en-gb', 'en-us+f3', 'en-gb-scotland'];
/** Where the interruption starts relative to the device's frames: the worst case is just after one began. */
const ONSET_SHIFTS_MS = [0, 40, 90];

export interface BargeInTrial {
  voice: string;
  /** Stream time from speech onset until the triggering chunk had arrived. */
  bufferedMs: number;
  /** Main's processing time for that chunk. */
  processingMs: number;
  stopMs: number;
}

const ms = (samples: number): number => (samples / RATE) * 1000;
const CHUNK = 1600;

/** The window's regrouping of device frames into 100 ms chunks (frame-chunker.ts on the page). */
function regroup(pending: Float32Array, frame: Float32Array): { chunks: Float32Array[]; pending: Float32Array } {
  const joined = concatAudio(pending, frame);
  const chunks: Float32Array[] = [];
  let at = 0;
  for (; joined.length - at >= CHUNK; at += CHUNK) chunks.push(joined.slice(at, at + CHUNK));
  return { chunks, pending: joined.slice(at) };
}

export interface PageFeed {
  /** Samples per microphone device frame. */
  frame: number;
  /** Whether frames are regrouped into 100 ms chunks before sending. */
  regroup: boolean;
}

/** How the page feeds main today: every 1024-sample frame as it arrives. */
export const PAGE_FEED: PageFeed = { frame: 1024, regroup: false };
/** How it fed main before: 2048-sample frames regrouped into 100 ms chunks. */
export const OLD_PAGE_FEED: PageFeed = { frame: 2048, regroup: true };

async function trial(voice: string, shiftMs: number, feed: PageFeed): Promise<BargeInTrial | null> {
  const resolve = createRequire(__filename).resolve;
  const speech = { voice, speed: 160 };
  const [wake, question, interruption] = await Promise.all([
    speakAs('hey jarvis', speech),
    speakAs('tell me a long story about the sea', speech),
    speakAs('stop, that is enough', speech),
  ]);
  const before = concatAudio(noise(1, 0.002, 1), wake, noise(0.5, 0.002, 2), question, noise(1.5 + shiftMs / 1000, 0.002, 3));
  const audio = concatAudio(before, interruption, noise(1, 0.002, 4));
  const onsetMs = ms(before.length);

  const pending = new Map<string, (result: TurnResult) => void>();
  let next = 0;
  let stoppedAtChunk = -1;
  let chunkIndex = 0;
  const assistant = {
    beginTurn: () => `t${++next}`,
    pushAudio: () => true,
    endTurn: (turnId: string) => new Promise<TurnResult>((done) => pending.set(turnId, done)),
    cancel: (turnId?: string) => {
      pending.get(turnId ?? '')?.({ transcript: '', reply: '', language: 'en', complete: false, cache: { response: 'off' }, marks: {}, error: null });
      return true;
    },
  };
  const wakeListener = await WakeWorkerClient.start(tsxWakeWorker(), { paths: wakeModelPaths(packageWakeModelsDir(resolve), 'hey_jarvis') });
  const vad = new SileroVad(resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
  await vad.warm();
  let answered = false;
  const controller = new HandsFreeController({
    assistant,
    wake: wakeListener,
    vad,
    config: DEFAULT_TALK_CONFIG,
    onState: (state) => {
      if (state === 'answering') answered = true;
      else if (state === 'capturing' && answered && stoppedAtChunk < 0) stoppedAtChunk = chunkIndex;
    },
  });
  let pendingSamples: Float32Array = new Float32Array(0);
  let result: BargeInTrial | null = null;
  try {
    for (let frameStart = 0; frameStart < audio.length && !result; frameStart += feed.frame) {
      const frame = audio.slice(frameStart, frameStart + feed.frame);
      const step = feed.regroup ? regroup(pendingSamples, frame) : { chunks: [frame], pending: pendingSamples };
      pendingSamples = step.pending;
      const arrivedMs = ms(Math.min(audio.length, frameStart + feed.frame));
      for (const chunk of step.chunks) {
        chunkIndex++;
        const started = performance.now();
        await controller.push(chunk);
        const processingMs = performance.now() - started;
        if (stoppedAtChunk === chunkIndex) {
          const bufferedMs = arrivedMs - onsetMs;
          result = { voice, bufferedMs, processingMs, stopMs: bufferedMs + processingMs };
          break;
        }
      }
    }
  } finally {
    controller.stop();
    await wakeListener.close();
    await vad.dispose();
  }
  return result;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export async function bargeInBench(feed: PageFeed, log: (line: string) => void) {
  const trials: BargeInTrial[] = [];
  let missed = 0;
  for (const voice of VOICES) {
    for (const shift of ONSET_SHIFTS_MS) {
      const found = await trial(voice, shift, feed);
      if (found) trials.push(found);
      else missed++;
    }
    log(`wake bench: barge-in trials in ${voice} done (${feed.frame}-sample frames${feed.regroup ? ', regrouped' : ''})`);
  }
  const stops = trials.map((t) => t.stopMs);
  return {
    feed,
    trials: trials.length,
    missed,
    stopMs: { p50: quantile(stops, 0.5), p95: quantile(stops, 0.95), max: Math.max(...stops) },
    bufferedMs: { p50: quantile(trials.map((t) => t.bufferedMs), 0.5), max: Math.max(...trials.map((t) => t.bufferedMs)) },
    processingMs: { p50: quantile(trials.map((t) => t.processingMs), 0.5), max: Math.max(...trials.map((t) => t.processingMs)) },
  };
}
