// Small stand-ins for real models, served by the local file server: a Whisper-shaped folder with
// tiny "ONNX" files (correct header, pseudo-random body) and a sherpa-onnx-shaped .tar.bz2 voice.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { catalogEntrySchema, type CatalogEntry, type ModelKind } from '../../../src/main/core/models/catalog-schema';
import type { FileServer } from '../../support/file-server';

/** Bytes that pass the ONNX header check: ir_version 7, then deterministic noise. */
export function fakeOnnx(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed * 2_654_435_761;
  for (let i = 0; i < size; i += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  bytes[0] = 0x08;
  bytes[1] = 0x07;
  return bytes;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The files of a Whisper model in the onnx-community layout, keyed by path. */
export function whisperFiles(seed = 1, onnxBytes = 300_000): Record<string, Uint8Array> {
  return {
    'config.json': json({ model_type: 'whisper', d_model: 384, seed }),
    'generation_config.json': json({ decoder_start_token_id: 50258 }),
    'preprocessor_config.json': json({ feature_size: 80, sampling_rate: 16000 }),
    'tokenizer.json': json({ model: { vocab: { a: 0 } } }),
    'onnx/encoder_model_int8.onnx': fakeOnnx(onnxBytes, seed),
    'onnx/decoder_model_merged_int8.onnx': fakeOnnx(onnxBytes * 2, seed + 1),
  };
}

export interface EntryOptions {
  kind?: ModelKind;
  /** Pin sha256 of each file (default true). */
  sha256?: boolean;
  exactSize?: boolean;
  /** Override the checksum pinned for one path. */
  wrongSha256For?: string;
  extract?: boolean;
}

/** Serves `files` at `/<id>/<path>` and returns a catalog entry pointing at them. */
export function serveEntry(server: FileServer, id: string, files: Record<string, Uint8Array>, options: EntryOptions = {}): CatalogEntry {
  for (const [path, body] of Object.entries(files)) server.setFile(`/${id}/${path}`, body);
  return catalogEntrySchema.parse({
    id,
    kind: options.kind ?? 'stt',
    languages: ['en'],
    description: `Test model ${id}.`,
    license: 'MIT',
    files: Object.entries(files).map(([path, body]) => ({
      path,
      url: `${server.url}/${id}/${path}`,
      sizeBytes: body.length,
      exactSize: options.exactSize ?? true,
      sha256: options.sha256 === false ? undefined : path === options.wrongSha256For ? 'f'.repeat(64) : sha256(body),
      ...(options.extract ? { extract: { format: 'tar.bz2', stripComponents: 1 } } : {}),
    })),
  });
}

/** A sherpa-onnx vits-piper style archive: <top>/{voice.onnx, tokens.txt, espeak-ng-data/…}, bzip2'd by the system tar. */
export function piperArchive(top: string, seed = 3): Uint8Array {
  const work = mkdtempSync(join(tmpdir(), 'earshot-piper-'));
  try {
    const write = (path: string, data: Uint8Array | string) => {
      const full = join(work, top, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, data);
    };
    write('en_US-test-low.onnx', fakeOnnx(200_000, seed));
    write('tokens.txt', '_ 0\n^ 1\n$ 2\n  3\na 4\n');
    write('espeak-ng-data/phontab', 'phontab');
    write('espeak-ng-data/en_dict', 'dict');
    write('MODEL_CARD', 'test voice');
    execFileSync('tar', ['-cjf', join(work, 'voice.tar.bz2'), '-C', work, top]);
    return new Uint8Array(readFileSync(join(work, 'voice.tar.bz2')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function tempModelsDir(): string {
  return mkdtempSync(join(tmpdir(), 'earshot-models-'));
}

/** No real waiting between retries. */
export const instantRetry = {
  sleep: async () => {},
  random: () => 0.5,
  backoff: { attempts: 3, baseDelayMs: 1, factor: 2, maxDelayMs: 4 },
};
