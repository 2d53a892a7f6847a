import { describe, expect, it } from 'vitest';
import { EarshotError } from '../../../src/shared/errors';
import { DEFAULT_SETTINGS, PRESETS } from '../../../src/shared/settings';
import { buildCatalog, defaultEntryFor, findEntry, firstRunEntries, loadCustomCatalog, parseCustomCatalog, requireEntry } from '../../../src/main/core/models/catalog';
import { catalogEntrySchema, entrySizeBytes } from '../../../src/main/core/models/catalog-schema';
import { ollamaModelsFor } from '../../../src/main/core/models/ollama-recommendations';

const catalog = buildCatalog();

const goodEntry = {
  id: 'my-whisper',
  kind: 'stt',
  languages: ['en'],
  description: 'A private Whisper build.',
  license: 'MIT',
  files: [{ path: 'onnx/encoder_model.onnx', url: 'https://models.example/enc.onnx', sizeBytes: 100, exactSize: true, sha256: 'A'.repeat(64) }],
};

describe('built-in catalog', () => {
  it('has Whisper tiny/base/small, multilingual and English-only, int8 and fp32', () => {
    for (const size of ['tiny', 'base', 'small']) {
      for (const suffix of ['', '.en']) {
        const int8 = requireEntry(catalog, `whisper-${size}${suffix}`);
        const fp32 = requireEntry(catalog, `whisper-${size}${suffix}-fp32`);
        expect(int8.variant).toBe('int8');
        expect(fp32.variant).toBe('fp32');
        expect(int8.files.map((f) => f.path)).toEqual(
          expect.arrayContaining(['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'onnx/encoder_model_int8.onnx', 'onnx/decoder_model_merged_int8.onnx']),
        );
        expect(fp32.files.map((f) => f.path)).toContain('onnx/decoder_model_merged.onnx');
        expect(int8.languages).toEqual(suffix ? ['en'] : ['en', 'pt']);
        expect(entrySizeBytes(int8)).toBeLessThan(entrySizeBytes(fp32));
      }
    }
  });

  it('has Piper voices for English and Portuguese as sherpa-onnx archives with a top folder to strip', () => {
    for (const id of ['piper-en_US-amy-low', 'piper-en_US-lessac-medium', 'piper-pt_BR-faber-medium']) {
      const entry = requireEntry(catalog, id);
      expect(entry.kind).toBe('tts');
      expect(entry.files).toHaveLength(1);
      expect(entry.files[0]!.url).toMatch(/\/vits-piper-.+\.tar\.bz2$/);
      expect(entry.files[0]!.extract).toEqual({ format: 'tar.bz2', stripComponents: 1 });
    }
    expect(requireEntry(catalog, 'piper-pt_BR-faber-medium').languages).toEqual(['pt']);
  });

  it('marks Silero VAD as bundled, with nothing to fetch', () => {
    const vad = requireEntry(catalog, 'silero-vad');
    expect(vad.kind).toBe('vad');
    expect(vad.bundled).toBe(true);
    expect(vad.files).toEqual([]);
  });

  it("defaults agree with the settings' defaults and presets", () => {
    expect(defaultEntryFor(catalog, 'stt')?.id).toBe(DEFAULT_SETTINGS.stt.model);
    expect(defaultEntryFor(catalog, 'tts-en')?.id).toBe(DEFAULT_SETTINGS.tts.voiceEn);
    expect(defaultEntryFor(catalog, 'tts-pt')?.id).toBe(DEFAULT_SETTINGS.tts.voicePt);
    for (const preset of Object.values(PRESETS)) expect(findEntry(catalog, preset.stt.model!)).toBeDefined();
    expect(firstRunEntries(catalog).map((e) => e.id).sort()).toEqual(['piper-en_US-amy-low', 'piper-pt_BR-faber-medium', 'silero-vad', 'whisper-base']);
  });

  it('recommends an Ollama chat and embedding model for each language', () => {
    for (const language of ['en', 'pt'] as const) {
      expect(ollamaModelsFor('chat', language)[0]?.name).toBe(DEFAULT_SETTINGS.llm.model);
      expect(ollamaModelsFor('embedding', language)[0]?.recommended).toBe(true);
    }
    expect(ollamaModelsFor('embedding', 'pt')[0]?.name).toBe('paraphrase-multilingual');
  });
});

describe('catalog entries and custom catalog files', () => {
  it('accepts a well-formed entry and lower-cases its checksum', () => {
    const entry = catalogEntrySchema.parse(goodEntry);
    expect(entry.files[0]!.sha256).toBe('a'.repeat(64));
    expect(entry.defaultFor).toEqual([]);
  });

  it('rejects ids and paths that could escape the models folder', () => {
    expect(catalogEntrySchema.safeParse({ ...goodEntry, id: '../evil' }).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...goodEntry, id: '.incoming' }).success).toBe(false);
    for (const path of ['../x.onnx', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b']) {
      expect(catalogEntrySchema.safeParse({ ...goodEntry, files: [{ ...goodEntry.files[0], path }] }).success, path).toBe(false);
    }
  });

  it('rejects non-http URLs, bad checksums, duplicate paths and empty file lists', () => {
    const file = goodEntry.files[0]!;
    expect(catalogEntrySchema.safeParse({ ...goodEntry, files: [{ ...file, url: 'file:///etc/passwd' }] }).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...goodEntry, files: [{ ...file, sha256: 'abc' }] }).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...goodEntry, files: [file, file] }).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...goodEntry, files: [] }).success).toBe(false);
  });

  it('adds new entries and replaces built-in ones with the same id', () => {
    const custom = parseCustomCatalog(JSON.stringify({ version: 1, models: [goodEntry, { ...goodEntry, id: 'whisper-base', description: 'Company build.' }] }), 'x.json');
    const merged = buildCatalog(undefined, custom);
    expect(requireEntry(merged, 'my-whisper').files[0]!.url).toBe('https://models.example/enc.onnx');
    expect(requireEntry(merged, 'whisper-base').description).toBe('Company build.');
    expect(merged.entries.filter((e) => e.id === 'whisper-base')).toHaveLength(1);
    expect(merged.entries.length).toBe(catalog.entries.length + 1);
  });

  it('explains what is wrong with a bad custom catalog file', () => {
    expect(() => parseCustomCatalog('{ not json', 'bad.json')).toThrow(/bad\.json is not valid JSON/);
    expect(() => parseCustomCatalog(JSON.stringify({ version: 1, models: [{ ...goodEntry, kind: 'llm' }] }), 'c.json')).toThrow(/c\.json .*models\.0\.kind/);
    expect(() => parseCustomCatalog(JSON.stringify({ models: [] }), 'c.json')).toThrow(/version/);
  });

  it('says when the custom catalog file is missing', async () => {
    const missing = Object.assign(new Error('nope'), { code: 'ENOENT' });
    await expect(loadCustomCatalog('/nowhere.json', () => Promise.reject(missing))).rejects.toThrow('The catalog file /nowhere.json does not exist');
  });

  it('suggests close ids for an unknown one', () => {
    const error = (() => {
      try {
        requireEntry(catalog, 'whisper-bse');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EarshotError);
    expect((error as EarshotError).message).toMatch(/no model "whisper-bse".*Did you mean whisper-base/);
  });
});
