// SherpaTextToSpeech with stand-in Piper voices that are missing, incomplete, damaged or unable to
// speak: each fails with a clean error naming what to do, and the process carries on speaking with
// the good voices. Needs espeak-ng-data (apt-get install espeak-ng-data).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EarshotError } from '../../../../src/shared/errors';
import { SherpaTextToSpeech } from '../../../../src/main/core/engines/tts/sherpa-tts';
import type { SynthesizeOptions } from '../../../../src/main/core/engines/types';
import { writeModel, value, node } from '../../../support/onnx-graph';
import { writePiperStandIn, type PiperStandIn } from '../../../support/piper-stand-in';
import { EN, failure, PT } from '../../../support/sherpa-tts-voices';

describe('SherpaTextToSpeech with stand-in Piper voices', () => {
  let root: string;
  let tts: SherpaTextToSpeech;
  const synth = (text: string, options: Partial<SynthesizeOptions> = {}) =>
    tts.synthesize(text, { language: 'en', speed: 1, ...options });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'earshot-sherpa-tts-'));
    await writePiperStandIn(join(root, EN), { language: 'en', sampleRate: 22_050 });
    await writePiperStandIn(join(root, PT), { language: 'pt', sampleRate: 16_000 });
    tts = new SherpaTextToSpeech({ modelsDir: root, voices: { en: EN, pt: PT }, numThreads: 1 });
    // As when these ran after the speaking tests: a good voice is the first this process loads
    // (sherpa-onnx initialises espeak-ng once per process, from the first voice loaded).
    await tts.warm('en');
  });

  afterAll(async () => {
    await tts?.dispose();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('reports a voice that is not installed with the command that fetches it', async () => {
    const missing = new SherpaTextToSpeech({ modelsDir: root, voices: { en: 'piper-en_US-nobody-low', pt: PT } });
    const error = await failure(missing.synthesize('Hello.', { language: 'en', speed: 1 }));
    expect(error.code).toBe('tts_model_missing');
    expect(error.message).toBe(`Voice "piper-en_US-nobody-low" not found in ${root} — run \`npm run models -- fetch piper-en_US-nobody-low\``);
  });

  it('reports a voice folder without tokens.txt as missing, naming the file', async () => {
    const dir = join(root, 'piper-en_US-notokens-low');
    const voice = await writePiperStandIn(dir, { language: 'en' });
    await rm(voice.tokensPath);
    const broken = new SherpaTextToSpeech({ modelsDir: root, voices: { en: 'piper-en_US-notokens-low', pt: PT } });
    const error = await failure(broken.warm('en'));
    expect(error.code).toBe('tts_model_missing');
    expect(error.message).toContain('tokens.txt is missing');
    expect(error.message).toContain('npm run models -- fetch piper-en_US-notokens-low');
  });

  describe('damaged voices: a clean error, and the process carries on', () => {
    async function damaged(name: string, damage: (voice: PiperStandIn) => Promise<void>): Promise<EarshotError> {
      const voice = await writePiperStandIn(join(root, name), { language: 'en' });
      await damage(voice);
      const broken = new SherpaTextToSpeech({ modelsDir: root, voices: { en: name, pt: PT } });
      return failure(broken.synthesize('Hello.', { language: 'en', speed: 1 }));
    }

    it('junk bytes in the .onnx', async () => {
      let model = '';
      const error = await damaged('piper-en_US-junk-low', async (v) => {
        model = v.modelPath;
        await writeFile(v.modelPath, Buffer.from('this is not an onnx model, just junk bytes '.repeat(50)));
      });
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toContain(model);
      expect(error.message).toMatch(/re-download/);
    });

    it('a truncated .onnx', async () => {
      const error = await damaged('piper-en_US-cut-low', async (v) => {
        const bytes = await readFile(v.modelPath);
        await writeFile(v.modelPath, bytes.subarray(0, bytes.length - 100));
      });
      expect(error.code).toBe('tts_model_corrupt');
    });

    it('an ONNX file sherpa-onnx itself rejects (unknown operator)', async () => {
      const error = await damaged('piper-en_US-badop-low', async (v) => {
        const metadata = { model_type: 'vits', comment: 'piper', language: 'English', voice: 'en-us', n_speakers: '1', sample_rate: '16000' };
        await writeModel(v.modelPath, {
          graph: { inputs: [value('input', 'int64', [1, 'N'])], outputs: [value('output', 'float32', [1, 1, 'T'])], nodes: [node('NoSuchOp', ['input'], ['output'])] },
          metadata,
        });
      });
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toContain('sherpa-onnx could not load it');
    });

    it('an ONNX model without the Piper metadata (sherpa-onnx would exit the process)', async () => {
      const error = await damaged('piper-en_US-nometa-low', async (v) => {
        await writeModel(v.modelPath, {
          graph: { inputs: [value('input', 'int64', [1, 'N'])], outputs: [value('output', 'int64', [1, 'N'])], nodes: [node('Identity', ['input'], ['output'])] },
        });
      });
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toContain('sample_rate');
    });

    it('a tokens.txt without Piper’s start symbol (sherpa-onnx would hang)', async () => {
      const error = await damaged('piper-en_US-nobos-low', async (v) => {
        const tokens = await readFile(v.tokensPath, 'utf8');
        await writeFile(v.tokensPath, tokens.replace(/^\^ \d+\n/m, ''));
      });
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toContain('tokens.txt');
    });

    // espeak-ng reads its data without bounds checks: each of these crashed or aborted a fresh
    // process (SIGSEGV / SIGABRT) before the voice check learned to walk the files.
    const truncate = (path: string, fraction: number) => readFile(path).then((bytes) => writeFile(path, bytes.subarray(0, Math.floor(bytes.length * fraction))));

    it('espeak-ng-data/phondata from another espeak-ng version', async () => {
      const error = await damaged('piper-en_US-phondata-low', async (v) => {
        const path = join(v.dataDir, 'phondata');
        const bytes = await readFile(path);
        bytes.writeUInt32LE(0x014700, 0);
        await writeFile(path, bytes);
      });
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toMatch(/phondata is damaged \(its version is 0x14700, not the 0x14801/);
      expect(error.message).toContain('npm run models -- fetch piper-en_US-phondata-low');
    });

    it('junk in espeak-ng-data/phontab', async () => {
      const error = await damaged('piper-en_US-phontab-low', (v) => writeFile(join(v.dataDir, 'phontab'), 'garbage '.repeat(7000)));
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toContain('phontab is damaged');
    });

    it('a truncated espeak-ng-data/phonindex', async () => {
      const error = await damaged('piper-en_US-phonindex-low', (v) => truncate(join(v.dataDir, 'phonindex'), 0.5));
      expect(error.code).toBe('tts_model_corrupt');
      expect(error.message).toContain('phonindex is truncated');
    });

    it('a truncated espeak-ng dictionary', async () => {
      for (const fraction of [0.3, 0.9, 0.999]) {
        const error = await damaged(`piper-en_US-dict${Math.round(fraction * 1000)}-low`, (v) => truncate(join(v.dataDir, 'en_dict'), fraction));
        expect(error.code).toBe('tts_model_corrupt');
        expect(error.message).toMatch(/en_dict is damaged \(.*truncated or damaged/);
      }
    });

    it('still speaks with the good voices afterwards', async () => {
      expect((await synth('All good.')).samples.length).toBeGreaterThan(0);
    });
  });

  it('reports a generation failure as tts_failed', async () => {
    await writePiperStandIn(join(root, 'piper-en_US-novoice-low'), { language: 'en', espeakVoice: 'xx-nowhere' });
    const mute = new SherpaTextToSpeech({ modelsDir: root, voices: { en: 'piper-en_US-novoice-low', pt: PT } });
    const error = await failure(mute.synthesize('Hello.', { language: 'en', speed: 1 }));
    expect(error.code).toBe('tts_failed');
    expect(error.message).toContain('piper-en_US-novoice-low');
  });

  it('loads a voice after it is installed, having failed before', async () => {
    const later = new SherpaTextToSpeech({ modelsDir: root, voices: { en: 'piper-en_US-later-low', pt: PT } });
    expect((await failure(later.warm('en'))).code).toBe('tts_model_missing');
    await writePiperStandIn(join(root, 'piper-en_US-later-low'), { language: 'en' });
    await expect(later.warm('en')).resolves.toBeUndefined();
  });
});
