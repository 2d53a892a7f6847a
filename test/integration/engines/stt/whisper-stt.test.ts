import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { DecoderRunner } from '../../../../src/main/core/engines/stt/decoder-runner';
import { loadWhisperModel } from '../../../../src/main/core/engines/stt/whisper-model';
import { WhisperSpeechToText } from '../../../../src/main/core/engines/stt/whisper-stt';
import { silentLogger } from '../../../../src/main/core/platform/logger';
import type { Logger } from '../../../../src/main/core/platform/logger';
import { testSignal } from '../../../support/reference/test-signal';
import { concatAudio, silence, speak } from '../../../support/speech-fixtures';
import { writeWhisperStandIn, type WhisperStandInOptions } from '../../../support/whisper-stand-in';

const AUDIO = testSignal(3);
const root = await mkdtemp(join(tmpdir(), 'earshot-whisper-'));
let count = 0;
const engines: WhisperSpeechToText[] = [];

async function standIn(options: WhisperStandInOptions = {}, quantized = true, logger?: Logger) {
  const dir = join(root, `model-${count++}`);
  await writeWhisperStandIn(dir, options);
  const stt = new WhisperSpeechToText({ modelDir: dir, modelId: 'whisper-stand-in', quantized, logger, numThreads: 1 });
  engines.push(stt);
  return stt;
}

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  await rm(root, { recursive: true, force: true });
});

describe('WhisperSpeechToText on the stand-in model', () => {
  it('transcribes the scripted English and Portuguese with greedy and beam search', async () => {
    const stt = await standIn();
    await stt.warm();
    for (const beamSize of [1, 3]) {
      const started = performance.now();
      const en = await stt.transcribe(AUDIO, { language: 'en', beamSize, maxTokens: 50 });
      console.info(`stand-in, 3 s of audio, beam ${beamSize}: ${Math.round(performance.now() - started)} ms`);
      expect(en).toMatchObject({ text: 'hello world', language: 'en', tokenCount: 2 });
      const pt = await stt.transcribe(AUDIO, { language: 'pt', beamSize, maxTokens: 50 });
      expect(pt).toMatchObject({ text: 'olá, tudo bem', language: 'pt', tokenCount: 4 });
    }
  });

  it('says how long the encoder and the decoder took, so a slow turn can be traced to one of them', async () => {
    const stt = await standIn();
    const { timings } = await stt.transcribe(AUDIO, { language: 'en', beamSize: 1, maxTokens: 50 });
    expect(timings).toEqual({ encoderMs: expect.any(Number), decoderMs: expect.any(Number) });
    expect(timings!.encoderMs).toBeGreaterThan(0);
    expect(timings!.decoderMs).toBeGreaterThan(0);
  });

  it('escapes the trap with beam search where greedy decoding falls in', async () => {
    const stt = await standIn({ trap: true });
    expect((await stt.transcribe(AUDIO, { language: 'en', beamSize: 1, maxTokens: 50 })).text).toBe('hello word!');
    expect((await stt.transcribe(AUDIO, { language: 'en', beamSize: 3, maxTokens: 50 })).text).toBe('hello world');
    expect((await stt.transcribe(AUDIO, { language: 'en', beamSize: 5, maxTokens: 50 })).text).toBe('hello world');
  });

  it('detects the language among English and Portuguese and reports it', async () => {
    const pt = await standIn({ spokenLanguage: 'pt' });
    expect(await pt.transcribe(AUDIO, { language: 'auto', beamSize: 3, maxTokens: 50 })).toMatchObject({
      text: 'olá, tudo bem',
      language: 'pt',
      tokenCount: 4,
    });
    const en = await standIn({ spokenLanguage: 'en' });
    expect(await en.transcribe(AUDIO, { language: 'auto', beamSize: 1, maxTokens: 50 })).toMatchObject({
      text: 'hello world',
      language: 'en',
    });
  });

  it('hears the audio at every step: silence ends the stand-in’s text after one word', async () => {
    const stt = await standIn();
    expect((await stt.transcribe(silence(2), { language: 'en', beamSize: 3, maxTokens: 50 })).text).toBe('hello');
  });

  it('stops at the token cap', async () => {
    const stt = await standIn();
    expect(await stt.transcribe(AUDIO, { language: 'pt', beamSize: 3, maxTokens: 2 })).toMatchObject({
      text: 'olá,',
      language: 'pt',
      tokenCount: 2,
    });
    expect((await stt.transcribe(AUDIO, { language: 'pt', beamSize: 1, maxTokens: 1 })).tokenCount).toBe(1);
  });

  it('uses the English-only prompt for a .en model and refuses Portuguese with it', async () => {
    const stt = await standIn({ multilingual: false, trap: true });
    expect(await stt.transcribe(AUDIO, { language: 'auto', beamSize: 3, maxTokens: 50 })).toMatchObject({
      text: 'hello world',
      language: 'en',
      tokenCount: 2,
    });
    await expect(stt.transcribe(AUDIO, { language: 'pt', beamSize: 3, maxTokens: 50 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('English only'),
    });
  });

  it('reads 128-mel models with their files in the folder root', async () => {
    const stt = await standIn({ nMels: 128, layout: 'root', variants: ['quantized'] });
    expect(stt.id).toBe('whisper-stand-in:int8');
    expect((await stt.transcribe(AUDIO, { language: 'en', beamSize: 2, maxTokens: 50 })).text).toBe('hello world');
  });

  it('prefers int8 files when quantized, fp32 otherwise, and takes what exists', async () => {
    expect((await standIn({}, true)).id).toBe('whisper-stand-in:int8');
    expect((await standIn({}, false)).id).toBe('whisper-stand-in:fp32');
    const onlyFp32 = await standIn({ variants: ['fp32'] }, true);
    expect(onlyFp32.id).toBe('whisper-stand-in:fp32');
    await onlyFp32.warm();
    expect(onlyFp32.id).toBe('whisper-stand-in:fp32');
    expect((await standIn({ variants: ['int8'] }, false)).id).toBe('whisper-stand-in:int8');
  });

  it('loads once however many callers warm it at the same time', async () => {
    const loaded: string[] = [];
    const logger: Logger = { debug: () => {}, info: (m) => loaded.push(m), warn: () => {}, error: () => {} };
    const stt = await standIn({}, true, logger);
    await Promise.all([stt.warm(), stt.warm(), stt.transcribe(AUDIO, { language: 'en', beamSize: 1, maxTokens: 50 })]);
    await stt.warm();
    expect(loaded.filter((m) => m === 'whisper model loaded')).toHaveLength(1);
  });

  it('runs concurrent transcriptions one after the other with the right answers', async () => {
    const stt = await standIn();
    const [en, pt] = await Promise.all([
      stt.transcribe(AUDIO, { language: 'en', beamSize: 3, maxTokens: 50 }),
      stt.transcribe(AUDIO, { language: 'pt', beamSize: 3, maxTokens: 50 }),
    ]);
    expect([en.text, pt.text]).toEqual(['hello world', 'olá, tudo bem']);
  });

  it('rejects empty, over-long audio and a beam size outside 1–5', async () => {
    const stt = await standIn();
    const options = { language: 'en', beamSize: 3, maxTokens: 50 } as const;
    await expect(stt.transcribe(new Float32Array(0), options)).rejects.toMatchObject({ code: 'audio_empty' });
    await expect(stt.transcribe(new Float32Array(31 * 16_000), options)).rejects.toMatchObject({ code: 'audio_too_long' });
    await expect(stt.transcribe(AUDIO, { ...options, beamSize: 6 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('rejects promptly with an AbortError when cancelled, and still works afterwards', async () => {
    const stt = await standIn();
    await stt.warm();
    const controller = new AbortController();
    controller.abort();
    await expect(stt.transcribe(AUDIO, { language: 'en', beamSize: 3, maxTokens: 50, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });

    // Aborted 5 ms into 30 s of audio: rejecting, rather than returning a transcript, shows the
    // decoder checked the signal mid-way.
    const midway = new AbortController();
    const pending = stt.transcribe(testSignal(30), { language: 'en', beamSize: 3, maxTokens: 50, signal: midway.signal });
    setTimeout(() => midway.abort(), 5);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect((await stt.transcribe(AUDIO, { language: 'en', beamSize: 3, maxTokens: 50 })).text).toBe('hello world');
  });
});

describe('DecoderRunner on the stand-in model', () => {
  /** A stand-in model loaded from its own folder, with AUDIO encoded; released afterwards. */
  async function withEncodedStandIn(
    name: string,
    use: (model: Awaited<ReturnType<typeof loadWhisperModel>>, ids: Awaited<ReturnType<typeof writeWhisperStandIn>>['ids'], states: ort.Tensor) => Promise<void>,
  ): Promise<void> {
    const dir = join(root, name);
    const { ids } = await writeWhisperStandIn(dir);
    const model = await loadWhisperModel({ modelDir: dir, modelId: 'stand-in', quantized: true, numThreads: 1, logger: silentLogger });
    try {
      const { features } = await model.mel.compute(AUDIO);
      const encoded = await model.encoder.run({ input_features: new ort.Tensor('float32', features, [1, 80, 3000]) });
      await use(model, ids, encoded.last_hidden_state as ort.Tensor);
    } finally {
      await Promise.all([model.encoder.release(), model.decoder.release()]);
    }
  }

  it('moves each beam’s self-attention cache to the row that continues it', async () => {
    await withEncodedStandIn('runner', async (model, ids, states) => {
      const runner = new DecoderRunner(model.decoder, model.dims, states);
      await runner.run([[ids.sot]], [0]);
      // Row 0 goes on in English, row 1 in Portuguese; then the rows swap places.
      await runner.run([[ids.en], [ids.pt]], [0, 0]);
      await runner.run([[ids.transcribe], [ids.transcribe]], [1, 0]);
      const [row0, row1] = await runner.run([[ids.notimestamps], [ids.notimestamps]], [0, 1]);
      expect(row0![ids.ola]).toBeGreaterThan(row0![ids.hello]! + 5);
      expect(row1![ids.hello]).toBeGreaterThan(row1![ids.ola]! + 5);
    });
  });

  it('copies the cross cache out to the beams a row at a time, yielding between rows', async () => {
    await withEncodedStandIn('runner-yield', async (model, ids, states) => {
      let yields = 0;
      const runner = new DecoderRunner(model.decoder, model.dims, states, async () => {
        yields += 1;
        await new Promise((resolve) => setImmediate(resolve));
      });
      await runner.run([[ids.sot]], [0]);
      expect(yields).toBe(0); // one row: nothing to copy
      await runner.run([[ids.en], [ids.pt], [ids.en]], [0, 0, 0]);
      // Encoder states plus a key and a value per layer, three rows each.
      expect(yields).toBe((1 + 2 * model.dims.decoderLayers) * 3);
      await runner.run([[ids.transcribe], [ids.transcribe], [ids.transcribe]], [1, 0, 2]);
      expect(yields).toBe((1 + 2 * model.dims.decoderLayers) * 3); // copied once per clip and batch size
    });
  });
});

describe('WhisperSpeechToText with a missing or damaged model', () => {
  const options = { language: 'en', beamSize: 1, maxTokens: 20 } as const;

  it('says which model is missing and how to fetch it, then loads once it is there', async () => {
    const dir = join(root, 'not-yet');
    const stt = new WhisperSpeechToText({ modelDir: dir, modelId: 'whisper-base', quantized: true });
    engines.push(stt);
    await expect(stt.transcribe(AUDIO, options)).rejects.toMatchObject({
      code: 'stt_model_missing',
      message: `Whisper model "whisper-base" not found in ${dir} — run \`npm run models -- fetch whisper-base\``,
    });
    await writeWhisperStandIn(dir);
    expect((await stt.transcribe(AUDIO, options)).text).toBe('hello world');
  });

  it('treats a folder without tokenizer.json as missing', async () => {
    const dir = join(root, 'partial');
    await writeWhisperStandIn(dir);
    await rm(join(dir, 'tokenizer.json'));
    const stt = new WhisperSpeechToText({ modelDir: dir, modelId: 'whisper-tiny', quantized: false });
    await expect(stt.warm()).rejects.toMatchObject({ code: 'stt_model_missing', message: expect.stringContaining('fetch whisper-tiny') });
  });

  it('names a damaged .onnx file and says to download it again', async () => {
    const dir = join(root, 'damaged');
    await writeWhisperStandIn(dir, { variants: ['fp32'] });
    const encoder = join(dir, 'onnx', 'encoder_model.onnx');
    await writeFile(encoder, Buffer.from('this is not an onnx model, just junk bytes\x00\x01\x02'));
    const stt = new WhisperSpeechToText({ modelDir: dir, modelId: 'whisper-base', quantized: false });
    const failure = stt.warm();
    await expect(failure).rejects.toMatchObject({ code: 'stt_model_corrupt' });
    await expect(failure).rejects.toThrow(encoder);
    await expect(failure).rejects.toThrow(/re-download.*npm run models -- fetch whisper-base/);
  });

  it('names a damaged JSON file', async () => {
    const dir = join(root, 'bad-json');
    await writeWhisperStandIn(dir);
    await writeFile(join(dir, 'generation_config.json'), '{ not json');
    const stt = new WhisperSpeechToText({ modelDir: dir, modelId: 'whisper-base', quantized: true });
    await expect(stt.warm()).rejects.toMatchObject({ code: 'stt_model_corrupt', message: expect.stringContaining('generation_config.json') });
  });
});

// Real weights: an onnx-community Whisper export in $EARSHOT_MODELS_DIR/<id>.
const REAL_IDS = ['whisper-base', 'whisper-tiny', 'whisper-small', 'whisper-base.en', 'whisper-tiny.en'];
const modelsDir = process.env.EARSHOT_MODELS_DIR;
const realId = modelsDir ? REAL_IDS.find((id) => existsSync(join(modelsDir, id, 'tokenizer.json'))) : undefined;
if (!realId) {
  console.warn(
    'SKIPPED real Whisper weights test: download the onnx-community/whisper-base ONNX export (tokenizer.json, config.json, ' +
      'generation_config.json, preprocessor_config.json, onnx/encoder_model*.onnx, onnx/decoder_model_merged*.onnx) into ' +
      '$EARSHOT_MODELS_DIR/whisper-base and set EARSHOT_MODELS_DIR to run it.',
  );
}

describe.skipIf(!realId)('WhisperSpeechToText on real weights', () => {
  let stt: WhisperSpeechToText;
  beforeAll(async () => {
    stt = new WhisperSpeechToText({ modelDir: join(modelsDir!, realId!), modelId: realId!, quantized: true });
    engines.push(stt);
    await stt.warm();
  }, 120_000);

  it('transcribes espeak-ng English speech', async () => {
    const audio = concatAudio(silence(0.3), await speak('hello world, how are you today'), silence(0.3));
    for (const beamSize of [1, 3]) {
      const started = performance.now();
      const result = await stt.transcribe(audio, { language: 'auto', beamSize, maxTokens: 100 });
      console.info(`${stt.id}, ${(audio.length / 16_000).toFixed(1)} s, beam ${beamSize}: ${Math.round(performance.now() - started)} ms → "${result.text}"`);
      expect(result.language).toBe('en');
      const words = result.text.toLowerCase();
      for (const word of ['hello', 'world', 'how', 'are', 'you', 'today']) expect(words).toContain(word);
    }
  });
});
