import type { Worker } from 'node:worker_threads';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWhisperWorker, type SpawnWhisperWorker } from '../../../../src/main/core/engines/stt/spawn-whisper-worker';
import { whisperWorkerEntry } from '../../../../src/main/core/engines/stt/whisper-worker-entry';
import { WhisperSpeechToText } from '../../../../src/main/core/engines/stt/whisper-stt';
import { WorkerWhisperSpeechToText } from '../../../../src/main/core/engines/stt/whisper-worker-stt';
import type { SpeechToText, TranscribeOptions } from '../../../../src/main/core/engines/types';
import { silentLogger } from '../../../../src/main/core/platform/logger';
import { testSignal } from '../../../support/reference/test-signal';
import { writeWhisperStandIn } from '../../../support/whisper-stand-in';

const AUDIO = testSignal(3);
const EN = { language: 'en', beamSize: 1, maxTokens: 50 } as const;
const sourceEntry = whisperWorkerEntry(join(process.cwd(), 'src/main/core/engines/stt/whisper-stt.ts'), join(process.cwd(), 'src/main/core/engines/stt'));
const root = await mkdtemp(join(tmpdir(), 'earshot-whisper-worker-'));
const engines: SpeechToText[] = [];
let modelDir = '';
let trapDir = '';

/** Starts workers like the default does, and keeps each one so a test can kill it. */
function recordingSpawn(): { spawn: SpawnWhisperWorker; workers: Worker[] } {
  const workers: Worker[] = [];
  const real = spawnWhisperWorker(sourceEntry);
  return { workers, spawn: (init) => workers[workers.push(real(init)) - 1]! };
}

function threaded(dir = modelDir, spawn?: SpawnWhisperWorker): WorkerWhisperSpeechToText {
  const stt = new WorkerWhisperSpeechToText({ modelDir: dir, modelId: 'whisper-stand-in', quantized: true, numThreads: 1, spawn });
  engines.push(stt);
  return stt;
}

/** Counts event-loop turns of this thread until `work` settles. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0;
  let running = true;
  const tick = (): void => {
    ticks++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), ticks };
  } finally {
    running = false;
  }
}

beforeAll(async () => {
  modelDir = join(root, 'model');
  trapDir = join(root, 'trap');
  await writeWhisperStandIn(modelDir);
  await writeWhisperStandIn(trapDir, { trap: true });
});

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  await rm(root, { recursive: true, force: true });
});

describe('Whisper on a worker thread', () => {
  it('writes the same text as Whisper on this thread, in both languages and with beam search', async () => {
    const inThread = new WhisperSpeechToText({ modelDir: trapDir, modelId: 'whisper-stand-in', quantized: true, numThreads: 1 });
    engines.push(inThread);
    const worker = threaded(trapDir);
    const cases: TranscribeOptions[] = [EN, { ...EN, beamSize: 3 }, { language: 'pt', beamSize: 1, maxTokens: 50 }, { language: 'auto', beamSize: 2, maxTokens: 50 }];
    for (const options of cases) {
      const expected = await inThread.transcribe(AUDIO, options);
      const actual = await worker.transcribe(AUDIO, options);
      expect({ text: actual.text, language: actual.language, tokenCount: actual.tokenCount }).toEqual({
        text: expected.text,
        language: expected.language,
        tokenCount: expected.tokenCount,
      });
      expect(actual.timings).toEqual({ encoderMs: expect.any(Number), decoderMs: expect.any(Number) });
    }
    expect(worker.id).toBe(inThread.id);
  });

  it('leaves the caller its audio and reports the loaded variant after warming', async () => {
    const stt = threaded();
    const audio = AUDIO.slice();
    await stt.warm();
    expect(stt.id).toBe('whisper-stand-in:int8');
    await stt.transcribe(audio, EN);
    expect(audio).toEqual(AUDIO); // not detached by the hand-over to the worker
  });

  it('keeps this thread turning while it transcribes', async () => {
    const stt = threaded();
    await stt.warm();
    const { ticks, result } = await ticksDuring(() => stt.transcribe(AUDIO, EN));
    expect(result.text).toBe('hello world');
    // On this thread the same transcription lets the loop turn only at the few points it yields
    // (a handful of times); on a worker the loop turns freely the whole time.
    expect(ticks).toBeGreaterThanOrEqual(50);
  });

  it('stops a transcription when its signal aborts, and transcribes the next one', async () => {
    const finished: unknown[] = [];
    // The warm-up's own passes (a second of noise) are not the clips this test asks for.
    const logger = {
      ...silentLogger,
      debug: (message: string, fields?: Record<string, unknown>) => message === 'whisper transcribed' && fields?.seconds !== 1 && finished.push(message),
    };
    const stt = new WorkerWhisperSpeechToText({ modelDir, modelId: 'whisper-stand-in', quantized: true, numThreads: 1, logger });
    engines.push(stt);
    await stt.warm();
    const controller = new AbortController();
    const running = stt.transcribe(AUDIO, { ...EN, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect((await stt.transcribe(AUDIO, EN)).text).toBe('hello world');
    expect(finished).toHaveLength(1); // the worker dropped the aborted one rather than finishing it
    const already = new AbortController();
    already.abort();
    await expect(stt.transcribe(AUDIO, { ...EN, signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('turns a worker that dies into a clear stt_failed error, then starts a fresh one', async () => {
    const { spawn, workers } = recordingSpawn();
    const stt = threaded(modelDir, spawn);
    await stt.warm();
    const running = stt.transcribe(AUDIO, EN);
    void workers[0]!.terminate();
    await expect(running).rejects.toMatchObject({
      code: 'stt_failed',
      message: expect.stringMatching(/^Speech-to-text with model "whisper-stand-in" stopped unexpectedly .*Try again/),
    });
    expect((await stt.transcribe(AUDIO, EN)).text).toBe('hello world');
    expect(workers).toHaveLength(2);
  });

  it('brings the engine errors across with their code, message and params (the page words them from the params)', async () => {
    const dir = join(root, 'not-yet');
    const stt = new WorkerWhisperSpeechToText({ modelDir: dir, modelId: 'whisper-base', quantized: true });
    engines.push(stt);
    await expect(stt.transcribe(AUDIO, EN)).rejects.toMatchObject({
      name: 'EarshotError',
      code: 'stt_model_missing',
      message: `Whisper model "whisper-base" not found in ${dir} — run \`npm run models -- fetch whisper-base\``,
      params: { id: 'whisper-base', dir },
    });
    await expect(stt.transcribe(new Float32Array(0), EN)).rejects.toMatchObject({ code: 'audio_empty', params: { variant: 'silent' } });
    await writeWhisperStandIn(dir);
    expect((await stt.transcribe(AUDIO, EN)).text).toBe('hello world');
  });

  it('lets a call already running finish on dispose, then ends its worker; a later call starts again', async () => {
    const { spawn, workers } = recordingSpawn();
    const stt = threaded(modelDir, spawn);
    const running = stt.transcribe(AUDIO, EN);
    await stt.dispose();
    expect((await running).text).toBe('hello world');
    expect(workers[0]!.threadId).toBe(-1); // terminated
    expect((await stt.transcribe(AUDIO, EN)).text).toBe('hello world');
    expect(workers).toHaveLength(2);
  });
});
