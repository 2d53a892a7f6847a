// Warming Whisper transcribes a little noise a few times after the load, so the first clips a
// person speaks do not pay onnxruntime's first runs; a person's clip goes before the passes left.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WhisperSpeechToText } from '../../../../src/main/core/engines/stt/whisper-stt';
import type { Logger } from '../../../../src/main/core/platform/logger';
import { testSignal } from '../../../support/reference/test-signal';
import { writeWhisperStandIn } from '../../../support/whisper-stand-in';

const root = await mkdtemp(join(tmpdir(), 'earshot-whisper-warm-'));
const engines: WhisperSpeechToText[] = [];
let count = 0;

/** The engine's debug lines: each transcription's length and each warm-up's pass count. */
async function recordedEngine() {
  const dir = join(root, `model-${count++}`);
  await writeWhisperStandIn(dir);
  const lines: { message: string; seconds?: number; passes?: number; beamSize?: number }[] = [];
  const logger: Logger = {
    debug: (message, fields) =>
      void lines.push({ message, seconds: fields?.seconds as number | undefined, passes: fields?.passes as number | undefined, beamSize: fields?.beamSize as number | undefined }),
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const stt = new WhisperSpeechToText({ modelDir: dir, modelId: 'whisper-stand-in', quantized: true, logger, numThreads: 1 });
  engines.push(stt);
  const transcribed = () => lines.filter((l) => l.message === 'whisper transcribed').map((l) => l.seconds);
  const warmed = () => lines.filter((l) => l.message === 'whisper warmed').map((l) => l.passes);
  const beams = () => lines.filter((l) => l.message === 'whisper transcribed').map((l) => l.beamSize);
  return { stt, transcribed, warmed, beams };
}

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  await rm(root, { recursive: true, force: true });
});

describe('warming Whisper', () => {
  it('transcribes a second of noise three times after the load, once per load', async () => {
    const { stt, transcribed, warmed } = await recordedEngine();
    await stt.warm();
    await stt.warm();
    expect(transcribed()).toEqual([1, 1, 1]);
    expect(warmed()).toEqual([3]);
  });

  it('decodes the passes with the beam count the clips will use, and greedy when that count is not a valid one', async () => {
    const five = await recordedEngine();
    await five.stt.warm(5);
    expect(five.beams()).toEqual([5, 5, 5]);
    const invalid = await recordedEngine();
    await invalid.stt.warm(9);
    expect(invalid.beams()).toEqual([1, 1, 1]);
  });

  it('lets a clip asked for during the warm-up go before any pass left', async () => {
    const { stt, transcribed, warmed } = await recordedEngine();
    const warming = stt.warm();
    const heard = await stt.transcribe(testSignal(3), { language: 'en', beamSize: 1, maxTokens: 50 });
    await warming;
    expect(heard.text).toBe('hello world');
    // The clip was asked for before the first pass began: it went first, and it warmed the engine
    // as well as a pass would have, so none ran.
    expect(transcribed()).toEqual([3]);
    expect(warmed()).toEqual([0]);
  });

  it('starts again after the engine is disposed and loaded anew', async () => {
    const { stt, transcribed } = await recordedEngine();
    await stt.warm();
    await stt.dispose();
    await stt.warm();
    expect(transcribed()).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
