import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SileroVad } from '../../../../src/main/core/engines/vad/silero-vad';
import type { SpeechSegment } from '../../../../src/main/core/engines/types';
import { createHarness } from '../../../support/assistant-harness';
import { concatAudio, silence, speak } from '../../../support/speech-fixtures';

const MODEL = createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
const RATE = 16_000;

/** First and last sample louder than -40 dBFS: where espeak's speech really is. */
function audibleSpan(audio: Float32Array, offset: number): { start: number; end: number } {
  let first = -1;
  let last = -1;
  audio.forEach((v, i) => {
    if (Math.abs(v) > 0.01) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return { start: offset + first, end: offset + last };
}

async function feed(vad: SileroVad, audio: Float32Array, chunk: number): Promise<{ early: SpeechSegment[]; all: SpeechSegment[] }> {
  const stream = vad.createStream();
  const early: SpeechSegment[] = [];
  for (let at = 0; at < audio.length; at += chunk) early.push(...(await stream.push(audio.subarray(at, at + chunk))));
  return { early, all: [...early, ...(await stream.finish())] };
}

describe('SileroVad on real speech', () => {
  const vad = new SileroVad(MODEL);
  let audio: Float32Array;
  let first: { start: number; end: number };
  let second: { start: number; end: number };

  beforeAll(async () => {
    const hello = await speak('hello there');
    const how = await speak('how are you');
    const lead = silence(0.5);
    const gap = silence(1);
    audio = concatAudio(lead, hello, gap, how, silence(0.5));
    first = audibleSpan(hello, lead.length);
    second = audibleSpan(how, lead.length + hello.length + gap.length);
    await vad.warm();
  });
  afterAll(() => vad.dispose());

  it('finds "hello there" and "how are you" as two segments around the speech', async () => {
    const started = performance.now();
    const { early, all } = await feed(vad, audio, 1600);
    const perSecond = (performance.now() - started) / (audio.length / RATE);
    console.info(`silero vad: ${perSecond.toFixed(1)} ms per second of audio`);
    expect(all).toHaveLength(2);
    const [a, b] = all as [SpeechSegment, SpeechSegment];
    const slack = 0.25 * RATE;
    expect(a.start).toBeLessThanOrEqual(first.start);
    expect(a.start).toBeGreaterThan(first.start - slack);
    expect(a.end).toBeGreaterThanOrEqual(first.end - 0.1 * RATE);
    expect(a.end).toBeLessThan(first.end + slack);
    expect(b.start).toBeLessThanOrEqual(second.start);
    expect(b.start).toBeGreaterThan(second.start - slack);
    expect(b.end).toBeGreaterThanOrEqual(second.end - 0.1 * RATE);
    expect(a.end).toBeLessThan(b.start);
    // The first segment is reported while audio is still arriving, not only at the end.
    expect(early[0]).toEqual(a);
  });

  it('gives the same segments whatever the chunk size', async () => {
    const big = await feed(vad, audio, 16_000);
    const odd = await feed(vad, audio, 777);
    expect(odd.all).toEqual(big.all);
  });

  it('finds nothing in silence or in faint noise', async () => {
    expect((await feed(vad, silence(3), 1600)).all).toEqual([]);
    let seed = 1;
    const noise = Float32Array.from({ length: 3 * RATE }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed / 2 ** 32 - 0.5) * 0.002;
    });
    expect((await feed(vad, noise, 1600)).all).toEqual([]);
  });
});

describe('SileroVad with a bad model path', () => {
  it('fails with vad_failed, saying how to restore the model', async () => {
    const vad = new SileroVad('/nonexistent/silero_vad_v5.onnx');
    await expect(vad.warm()).rejects.toMatchObject({ code: 'vad_failed', message: expect.stringContaining('npm install') });
  });
});

/** `audio` played `factor` times faster (pitch goes up too): a word said quickly. */
function faster(audio: Float32Array, factor: number): Float32Array {
  return Float32Array.from({ length: Math.floor(audio.length / factor) }, (_, i) => audio[Math.floor(i * factor)]!);
}

describe('a quick word said on its own', () => {
  const vad = new SileroVad(MODEL);
  let quickNo: Float32Array;
  let span: { start: number; end: number };

  beforeAll(async () => {
    // espeak's "no" at twice the speed: Silero hears it for under 250 ms, the usual minimum.
    const word = faster(await speak('no'), 2);
    quickNo = concatAudio(silence(0.3), word, silence(0.3));
    span = audibleSpan(word, silence(0.3).length);
    await vad.warm();
  });
  afterAll(() => vad.dispose());

  it('is found as the one segment of the stream, around the word', async () => {
    const { early, all } = await feed(vad, quickNo, 1600);
    expect(early).toEqual([]);
    expect(all).toHaveLength(1);
    expect(all[0]!.start).toBeLessThanOrEqual(span.start + 0.05 * RATE);
    expect(all[0]!.end).toBeGreaterThanOrEqual(span.end - 0.05 * RATE);
  });

  for (const seconds of [1, 3]) {
    it(`is transcribed in a ${seconds} s press, not reported as silence`, async () => {
      const clip = concatAudio(quickNo, silence(seconds - quickNo.length / RATE));
      const h = createHarness({ vad, stt: { texts: ['No.'] }, llm: { reply: 'Okay, I will not.' }, tts: null });
      const turnId = h.assistant.beginTurn();
      for (let at = 0; at < clip.length; at += 1600) h.assistant.pushAudio(turnId, clip.slice(at, at + 1600));
      const done = await h.assistant.endTurn(turnId);
      expect(done.error).toBeNull();
      expect(done.transcript).toBe('No.');
      expect(h.stt.calls).toHaveLength(1);
    });
  }
});
