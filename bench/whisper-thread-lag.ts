// `npx tsx bench/whisper-thread-lag.ts <whisper model dir> [runs]`: the main thread's event-loop
// lag while Whisper transcribes 3 s of audio, with the engine on this thread and on its worker.
// A timer asks to run every 5 ms; its lag is how much later than that it ran. On a machine shared
// with other work the figures include the operating system's delays, so compare the two rows, not
// either one against a target; the idle row is the same timer with nothing running at all.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { WhisperSpeechToText } from '../src/main/core/engines/stt/whisper-stt';
import { WorkerWhisperSpeechToText } from '../src/main/core/engines/stt/whisper-worker-stt';
import type { SpeechToText } from '../src/main/core/engines/types';
import { testSignal } from '../test/support/reference/test-signal';

const RESOLUTION_MS = 5;

async function measure(name: string, stt: SpeechToText, runs: number): Promise<void> {
  await stt.warm();
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const started = performance.now();
  histogram.enable();
  for (let run = 0; run < runs; run++) await stt.transcribe(testSignal(3), { language: 'en', beamSize: 1, maxTokens: 20 });
  histogram.disable();
  const lag = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(1);
  const perRun = Math.round((performance.now() - started) / runs);
  console.log(`${name.padEnd(10)} ${perRun} ms per transcription   lag p99 ${lag(histogram.percentile(99))} ms   max ${lag(histogram.max)} ms`);
  await stt.dispose();
}

/** Takes as long as a transcription but does nothing: the machine's own share of the lag. */
function idleFor(ms: number): SpeechToText {
  return {
    id: 'idle',
    warm: async () => undefined,
    transcribe: () => new Promise((resolve) => setTimeout(() => resolve({ text: '', language: 'en', tokenCount: 0 }), ms)),
    dispose: async () => undefined,
  };
}

async function main(): Promise<void> {
  const [modelDir, runsArg] = process.argv.slice(2);
  if (!modelDir) throw new Error('usage: tsx bench/whisper-thread-lag.ts <whisper model dir> [runs]');
  const runs = Number(runsArg ?? 3);
  const options = { modelDir, modelId: basename(modelDir), quantized: true };
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);
  await measure('idle', idleFor(3000), runs);
  await measure('in-thread', new WhisperSpeechToText(options), runs);
  await measure('worker', new WorkerWhisperSpeechToText(options), runs);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);
}

void main();
