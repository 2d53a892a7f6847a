// Streaming and cancelling one generation, against a scripted generator that behaves like
// sherpa-onnx's generateAsync: one progress call per sentence with that sentence's samples, a
// return value of 0 stopping it before the next sentence, and a native buffer reused afterwards.
import { describe, expect, it } from 'vitest';
import type { GeneratedAudio, TtsProgress } from 'sherpa-onnx-node';
import { isAbortError, isEarshotError } from '../../../../src/shared/errors';
import { generateStreamed, type TtsGenerator } from '../../../../src/main/core/engines/tts/tts-streamed-generation';

interface Script {
  sentences: number[][];
  /** Resolves when sentence i may be produced; immediate when absent. */
  gate?: (i: number) => Promise<void>;
  callsBack?: boolean;
  fail?: Error;
  throwsAtOnce?: Error;
}

function scripted(script: Script) {
  const returns: number[] = [];
  let produced = 0;
  const native = new Float32Array(64); // one buffer, overwritten per sentence like native memory
  const generator: TtsGenerator = {
    sampleRate: 8000,
    generateAsync: async ({ onProgress }) => {
      if (script.throwsAtOnce) throw script.throwsAtOnce;
      const all: number[] = [];
      for (const [i, sentence] of script.sentences.entries()) {
        await (script.gate?.(i) ?? new Promise((r) => setTimeout(r, 0)));
        if (script.fail && i === 1) throw script.fail;
        produced += 1;
        all.push(...sentence);
        if (script.callsBack === false) continue;
        native.set(sentence);
        const info: TtsProgress = { samples: native.subarray(0, sentence.length), progress: (i + 1) / script.sentences.length };
        const ret = onProgress(info);
        native.fill(-1);
        returns.push(ret);
        if (ret === 0) break;
      }
      return { samples: Float32Array.from(all), sampleRate: 8000 } satisfies GeneratedAudio;
    },
  };
  // The wrapper throws synchronously, before any promise exists.
  if (script.throwsAtOnce) {
    const error = script.throwsAtOnce;
    generator.generateAsync = () => {
      throw error;
    };
  }
  return { generator, returns, produced: () => produced };
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const request = { text: 'One. Two. Three.', speed: 1, voiceId: 'piper-test' };

describe('generateStreamed', () => {
  it('hands over each sentence in order, as copies, and resolves with the whole audio', async () => {
    const { generator } = scripted({ sentences: [[0.1, 0.2], [0.3], [0.4, 0.5, 0.6]] });
    const chunks: number[][] = [];
    const rates: number[] = [];
    const { audio } = generateStreamed(generator, { ...request, onChunk: (s, rate) => (chunks.push(Array.from(s)), rates.push(rate)) });
    const result = await audio;
    expect(chunks.map((c) => c.map((x) => Math.round(x * 10)))).toEqual([[1, 2], [3], [4, 5, 6]]);
    expect(rates).toEqual([8000, 8000, 8000]);
    expect(Array.from(result.samples, (x) => Math.round(x * 10))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.sampleRate).toBe(8000);
  });

  it('keeps a delivered chunk intact after the native buffer is reused', async () => {
    const { generator } = scripted({ sentences: [[0.5, 0.5], [0.25]] });
    const kept: Float32Array[] = [];
    await generateStreamed(generator, { ...request, onChunk: (s) => kept.push(s) }).audio;
    expect(Array.from(kept[0] ?? [])).toEqual([0.5, 0.5]);
  });

  it('rejects at once on abort, then stops the native side at its next sentence', async () => {
    const second = deferred();
    const { generator, returns, produced } = scripted({
      sentences: [[0.1], [0.2], [0.3]],
      gate: (i) => (i === 1 ? second.promise : Promise.resolve()),
    });
    const controller = new AbortController();
    const chunks: Float32Array[] = [];
    const run = generateStreamed(generator, { ...request, signal: controller.signal, onChunk: (s) => chunks.push(s) });
    const outcome = run.audio.then(() => 'resolved', (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(isAbortError(await outcome)).toBe(true); // while sentence 2 is still being made
    second.resolve();
    await run.settled;
    expect(returns).toEqual([1, 0]);
    expect(produced()).toBe(2);
    expect(chunks).toHaveLength(1);
  });

  it('stops right away when a listener aborts from inside onChunk', async () => {
    const { generator, returns, produced } = scripted({ sentences: [[0.1], [0.2], [0.3]] });
    const controller = new AbortController();
    const run = generateStreamed(generator, { ...request, signal: controller.signal, onChunk: () => controller.abort() });
    expect(isAbortError(await run.audio.catch((e: unknown) => e))).toBe(true);
    await run.settled;
    expect(returns).toEqual([0]);
    expect(produced()).toBe(1);
  });

  it('stops and rejects with the listener’s own error when onChunk throws', async () => {
    const { generator, returns } = scripted({ sentences: [[0.1], [0.2]] });
    const boom = new Error('playback queue closed');
    const run = generateStreamed(generator, { ...request, onChunk: () => { throw boom; } });
    await expect(run.audio).rejects.toBe(boom);
    expect(returns).toEqual([0]);
  });

  it('reports a native failure as tts_failed naming the voice', async () => {
    const { generator } = scripted({ sentences: [[0.1], [0.2]], fail: new Error('TTS generation produced no audio') });
    const error = await generateStreamed(generator, request).audio.catch((e: unknown) => e);
    expect(isEarshotError(error) && error.code).toBe('tts_failed');
    expect((error as Error).message).toContain('piper-test');
    expect((error as Error).message).toContain('produced no audio');
  });

  it('reports a synchronous throw from the binding as tts_failed, and still settles', async () => {
    const { generator } = scripted({ sentences: [[0.1]], throwsAtOnce: new TypeError('Argument 1 should be an object') });
    const run = generateStreamed(generator, request);
    const error = await run.audio.catch((e: unknown) => e);
    expect(isEarshotError(error) && error.code).toBe('tts_failed');
    await expect(run.settled).resolves.toBeUndefined();
  });

  it('hands the whole audio over as one chunk when the binding never calls back', async () => {
    const { generator } = scripted({ sentences: [[0.1], [0.2]], callsBack: false });
    const chunks: number[][] = [];
    const result = await generateStreamed(generator, { ...request, onChunk: (s) => chunks.push(Array.from(s, (x) => Math.round(x * 10))) }).audio;
    expect(chunks).toEqual([[1, 2]]);
    expect(result.samples).toHaveLength(2);
  });
});
