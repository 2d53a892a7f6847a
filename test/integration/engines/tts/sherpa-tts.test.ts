// SherpaTextToSpeech against the real sherpa-onnx-node with stand-in Piper voices (and a real voice
// when EARSHOT_MODELS_DIR holds one). Needs espeak-ng-data (apt-get install espeak-ng-data).
// Missing and damaged voices: sherpa-tts-damaged-voices.test.ts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../../../../src/shared/errors';
import { SherpaTextToSpeech } from '../../../../src/main/core/engines/tts/sherpa-tts';
import type { SynthesizeOptions } from '../../../../src/main/core/engines/types';
import { writePiperStandIn, type PiperStandIn } from '../../../support/piper-stand-in';
import { EN, failure, PT } from '../../../support/sherpa-tts-voices';

const TWO_SENTENCES = 'The kettle is on and the tea will be ready soon. Would you like some biscuits with it?';
const FIVE_SENTENCES =
  'First we check the weather. Then we pack a small bag. After that we walk to the station. ' +
  'The train leaves at nine. We should arrive before lunch.';

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

function concat(chunks: Float32Array[]): Float32Array {
  const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Bit-for-bit equality, without walking large arrays element by element in the matcher. */
function sameSamples(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/**
 * Longest time a 5 ms interval timer was held up while `work` ran (printed, not asserted: a busy
 * machine holds timers up too), and how many times the event loop turned meanwhile (asserted: work
 * done in one synchronous block lets it turn not once).
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; ms: number; turns: number }> {
  let last = performance.now();
  let stallMs = 0;
  let turns = 0;
  let settled = false;
  const turn = () => {
    if (settled) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 5);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work().finally(() => (settled = true));
    const ms = performance.now() - started;
    // Let the timer fire once more: a stall just before `work` settled shows only on that tick.
    await new Promise((resolve) => setTimeout(resolve, 15));
    return { result, stallMs, ms, turns };
  } finally {
    clearInterval(timer);
  }
}

// ---- a real voice, when one is installed ------------------------------------------------------

const realModelsDir = process.env.EARSHOT_MODELS_DIR;
const REAL_VOICE = 'piper-en_US-amy-low';
const hasRealVoice = !!realModelsDir && existsSync(join(realModelsDir, REAL_VOICE, 'tokens.txt'));
if (!hasRealVoice) {
  console.warn(
    `[sherpa-tts] real-voice test skipped: download sherpa-onnx's vits-piper-en_US-amy-low.tar.bz2 (tts-models release) ` +
      `and extract it into $EARSHOT_MODELS_DIR/${REAL_VOICE} (or run \`npm run models -- fetch ${REAL_VOICE}\`).`,
  );
}

// Runs first: sherpa-onnx initialises espeak-ng once per process, from the first voice loaded.
describe.skipIf(!hasRealVoice)('SherpaTextToSpeech with a real Piper voice', () => {
  it('speaks a sentence with amy-low at 16 kHz, faster than real time', async () => {
    const tts = new SherpaTextToSpeech({ modelsDir: realModelsDir ?? '', voices: { en: REAL_VOICE, pt: REAL_VOICE } });
    const warm = await longestStall(() => tts.warm('en'));
    const chunks: number[] = [];
    const started = performance.now();
    const audio = await tts.synthesize(TWO_SENTENCES, { language: 'en', speed: 1, onChunk: () => chunks.push(performance.now() - started) });
    const ms = performance.now() - started;
    const seconds = audio.samples.length / audio.sampleRate;
    console.info(
      `[sherpa-tts] amy-low: load ${warm.ms.toFixed(0)} ms (longest event-loop stall ${warm.stallMs.toFixed(1)} ms), ` +
        `first chunk ${chunks[0]?.toFixed(0)} ms, ${seconds.toFixed(2)} s of audio in ${ms.toFixed(0)} ms (RTF ${(ms / 1000 / seconds).toFixed(3)})`,
    );
    expect(audio.sampleRate).toBe(16_000);
    expect(seconds).toBeGreaterThan(2);
    expect(rms(audio.samples)).toBeGreaterThan(0.01);
    expect(chunks.length).toBe(2);
    expect(ms / 1000).toBeLessThan(seconds);
    await tts.dispose();
  });
});

// ---- stand-in voices ---------------------------------------------------------------------------

describe('SherpaTextToSpeech with stand-in Piper voices', () => {
  let root: string;
  let en: PiperStandIn;
  let pt: PiperStandIn;
  let tts: SherpaTextToSpeech;
  const synth = (text: string, options: Partial<SynthesizeOptions> = {}) =>
    tts.synthesize(text, { language: 'en', speed: 1, ...options });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'earshot-sherpa-tts-'));
    en = await writePiperStandIn(join(root, EN), { language: 'en', sampleRate: 22_050 });
    pt = await writePiperStandIn(join(root, PT), { language: 'pt', sampleRate: 16_000 });
    tts = new SherpaTextToSpeech({ modelsDir: root, voices: { en: EN, pt: PT }, numThreads: 1 });
  });

  afterAll(async () => {
    await tts?.dispose();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('says a short phrase as it loads a voice, so the first sentence of a reply does not pay for the first run', async () => {
    const logged: Array<{ message: string; fields: unknown }> = [];
    const record = (message: string, fields?: unknown) => logged.push({ message, fields });
    const logger = { debug: record, info: record, warn: record, error: record };
    const fresh = new SherpaTextToSpeech({ modelsDir: root, voices: { en: EN, pt: PT }, numThreads: 1, logger });
    try {
      await fresh.warm('pt');
      expect(logged.map((l) => l.message)).toEqual(['tts voice loaded', 'tts voice warmed']);
      expect(logged[1]!.fields).toMatchObject({ voice: PT });
    } finally {
      await fresh.dispose();
    }
  });

  it('names the voice and the sherpa-onnx version for caches', () => {
    expect(tts.voiceId('en')).toMatch(/^piper-en_US-standin-low@sherpa-onnx-\d+\.\d+\.\d+/);
    expect(tts.voiceId('pt')).toMatch(/^piper-pt_BR-standin-low@sherpa-onnx-/);
  });

  it('speaks English at the voice sample rate, audibly', async () => {
    const audio = await synth('Hello there, how are you?');
    expect(audio.sampleRate).toBe(22_050);
    expect(audio.samples.length).toBeGreaterThan(en.samplesPerId * 10);
    expect(rms(audio.samples)).toBeGreaterThan(0.1);
    expect(audio.samples.every((s) => Math.abs(s) <= 1)).toBe(true);
  });

  it('speaks Portuguese with the Portuguese voice', async () => {
    const audio = await synth('Olá, tudo bem? Não há pão na mesa.', { language: 'pt' });
    expect(audio.sampleRate).toBe(16_000);
    expect(audio.samples.length).toBeGreaterThan(pt.samplesPerId * 10);
    expect(rms(audio.samples)).toBeGreaterThan(0.1);
  });

  it('makes longer audio for longer text', async () => {
    const short = await synth('Yes.');
    const long = await synth('Yes, I would be very happy to help you with that today.');
    expect(long.samples.length).toBeGreaterThan(short.samples.length * 3);
  });

  it('speaks faster at speed 2', async () => {
    const normal = await synth(TWO_SENTENCES, { speed: 1 });
    const fast = await synth(TWO_SENTENCES, { speed: 2 });
    expect(fast.samples.length / normal.samples.length).toBeGreaterThan(0.4);
    expect(fast.samples.length / normal.samples.length).toBeLessThan(0.6);
  });

  it('streams one chunk per sentence, the first before synthesis finishes, adding up to the audio', async () => {
    const chunks: Float32Array[] = [];
    const rates: number[] = [];
    let finished = false;
    let finishedAtFirstChunk: boolean | null = null;
    const audio = await synth(FIVE_SENTENCES, {
      onChunk: (samples, sampleRate) => {
        if (chunks.length === 0) finishedAtFirstChunk = finished;
        chunks.push(samples);
        rates.push(sampleRate);
      },
    }).finally(() => (finished = true));
    expect(chunks.length).toBe(5);
    expect(finishedAtFirstChunk).toBe(false);
    expect(new Set(rates)).toEqual(new Set([22_050]));
    expect(sameSamples(concat(chunks), audio.samples)).toBe(true);
  });

  it('keeps chunks intact after later ones arrive (they are copies, not native buffers)', async () => {
    const chunks: Float32Array[] = [];
    const firstCopies: Float32Array[] = [];
    await synth(FIVE_SENTENCES, {
      onChunk: (samples) => {
        chunks.push(samples);
        firstCopies.push(Float32Array.from(samples));
      },
    });
    await synth(TWO_SENTENCES);
    expect(chunks.length).toBeGreaterThan(1);
    chunks.forEach((chunk, i) => expect(sameSamples(chunk, firstCopies[i] ?? new Float32Array(0))).toBe(true));
  });

  it('stops promptly on abort, with fewer samples made, and speaks again afterwards', async () => {
    const full = await synth(FIVE_SENTENCES);
    const controller = new AbortController();
    const chunks: Float32Array[] = [];
    const error = await synth(FIVE_SENTENCES, {
      signal: controller.signal,
      onChunk: (samples) => {
        chunks.push(samples);
        controller.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    // Four sentences were still to come: none was synthesized after the abort.
    expect(chunks.length).toBe(1);
    expect(concat(chunks).length).toBeLessThan(full.samples.length / 2);
    const again = await synth('Still here.');
    expect(again.samples.length).toBeGreaterThan(0);
  });

  it('rejects at once when the signal has already fired, making nothing', async () => {
    const chunks: Float32Array[] = [];
    const error = await synth(TWO_SENTENCES, { signal: AbortSignal.abort(), onChunk: (s) => chunks.push(s) }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(chunks).toHaveLength(0);
  });

  it('returns empty audio for blank text', async () => {
    const audio = await synth('   ');
    expect(audio).toEqual({ sampleRate: 22_050, samples: new Float32Array(0) });
  });

  it('rejects a non-positive speed', async () => {
    expect((await failure(synth('Hi.', { speed: 0 }))).code).toBe('invalid_input');
  });

  it('loads a 40 MB voice and streams two sentences without stalling the event loop', async () => {
    const name = 'piper-en_US-heavy-low';
    await writePiperStandIn(join(root, name), { language: 'en', weightBytes: 40_000_000 });
    const heavy = new SherpaTextToSpeech({ modelsDir: root, voices: { en: name, pt: PT }, numThreads: 1 });
    const load = await longestStall(() => heavy.warm('en'));
    let firstChunkMs = -1;
    const started = performance.now();
    const gen = await longestStall(() =>
      heavy.synthesize(TWO_SENTENCES, {
        language: 'en',
        speed: 1,
        onChunk: () => {
          if (firstChunkMs < 0) firstChunkMs = performance.now() - started;
        },
      }),
    );
    const seconds = gen.result.samples.length / gen.result.sampleRate;
    console.info(
      `[sherpa-tts] stand-in (40 MB): load ${load.ms.toFixed(0)} ms, longest stall ${load.stallMs.toFixed(1)} ms; ` +
        `2 sentences: first chunk ${firstChunkMs.toFixed(1)} ms, ${seconds.toFixed(2)} s of audio in ${gen.ms.toFixed(1)} ms ` +
        `(RTF ${(gen.ms / 1000 / seconds).toFixed(4)}), longest stall ${gen.stallMs.toFixed(1)} ms`,
    );
    // Creating the same voice with the synchronous constructor holds the loop for ~150–250 ms, in
    // which it does not turn once; the stall in milliseconds is the benchmark's to measure.
    expect(load.turns).toBeGreaterThan(0);
    expect(gen.turns).toBeGreaterThan(0);
    await heavy.dispose();
  });
});
