// The test load a model must pass before it counts as installed. The lead passes the real engines'
// loaders per kind; these defaults check that the required files are there and parse, which is
// enough to catch a junk mirror, a truncated archive or an HTML error page saved as weights.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogEntry, ModelKind } from './catalog-schema';
import { ModelError } from './model-errors';
import { nodeModelFs, type ModelFs } from './model-fs';

/** Resolves when the model in `modelDir` loads; throws (ideally a ModelError 'corrupt') when not. */
export type LoadCheck = (modelDir: string, entry: CatalogEntry, signal?: AbortSignal) => Promise<void>;
export type LoadChecks = Partial<Record<ModelKind, LoadCheck>>;

function broken(entry: CatalogEntry, problem: string): ModelError {
  return new ModelError('corrupt', `${entry.id} failed its test load: ${problem}. Fetch it again (the source may be serving broken files).`);
}

/** An ONNX file is a protobuf ModelProto whose first field is ir_version (tag 0x08, a small varint). */
export function looksLikeOnnx(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x08 && head[1]! >= 1 && head[1]! <= 30;
}

/** Every non-empty line of a sherpa-onnx tokens.txt is "<symbol> <id>". */
export function looksLikeTokens(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => /\s\d+\r?$/.test(l));
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function firstExisting(fs: ModelFs, dir: string, candidates: string[]): Promise<string | null> {
  for (const candidate of candidates) {
    if ((await fs.stat(join(dir, ...candidate.split('/'))))?.isDirectory === false) return candidate;
  }
  return null;
}

async function requireOnnx(fs: ModelFs, entry: CatalogEntry, dir: string, label: string, candidates: string[]): Promise<void> {
  const found = await firstExisting(fs, dir, candidates);
  if (!found) throw broken(entry, `the ${label} (${candidates[0]}) is missing`);
  if (!looksLikeOnnx(await readHead(join(dir, ...found.split('/')), 2))) throw broken(entry, `${found} is not an ONNX model`);
}

async function requireJson(fs: ModelFs, entry: CatalogEntry, dir: string, name: string): Promise<void> {
  let text: string;
  try {
    text = await fs.readText(join(dir, name));
  } catch {
    throw broken(entry, `${name} is missing`);
  }
  try {
    JSON.parse(text);
  } catch {
    throw broken(entry, `${name} is not valid JSON`);
  }
}

/** The onnx-community Whisper export: JSON configs + encoder and merged decoder, int8 or fp32, in onnx/ or the root. */
export function whisperFilesCheck(fs: ModelFs = nodeModelFs): LoadCheck {
  return async (dir, entry) => {
    for (const name of ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json']) await requireJson(fs, entry, dir, name);
    const variants = (base: string) => [`onnx/${base}_int8.onnx`, `onnx/${base}.onnx`, `${base}_int8.onnx`, `${base}.onnx`];
    await requireOnnx(fs, entry, dir, 'encoder', variants('encoder_model'));
    await requireOnnx(fs, entry, dir, 'decoder', variants('decoder_model_merged'));
  };
}

/** sherpa-onnx vits-piper packaging: one .onnx, tokens.txt and espeak-ng-data/. */
export function piperFilesCheck(fs: ModelFs = nodeModelFs): LoadCheck {
  return async (dir, entry) => {
    const names = (await fs.readdir(dir)).filter((e) => e.isFile && e.name.endsWith('.onnx')).map((e) => e.name);
    const model = names[0];
    if (!model) throw broken(entry, 'the voice has no .onnx model');
    if (!looksLikeOnnx(await readHead(join(dir, model), 2))) throw broken(entry, `${model} is not an ONNX model`);
    let tokens: string;
    try {
      tokens = await fs.readText(join(dir, 'tokens.txt'));
    } catch {
      throw broken(entry, 'tokens.txt is missing');
    }
    if (!looksLikeTokens(tokens)) throw broken(entry, 'tokens.txt is not a token list');
    if ((await fs.stat(join(dir, 'espeak-ng-data', 'phontab')))?.isDirectory !== false) throw broken(entry, 'espeak-ng-data/ is missing or incomplete');
  };
}

/** Any other kind: every plain (non-archive) catalog file is present. */
export function catalogFilesCheck(fs: ModelFs = nodeModelFs): LoadCheck {
  return async (dir, entry) => {
    for (const file of entry.files) {
      if (file.extract) continue;
      if ((await fs.stat(join(dir, ...file.path.split('/'))))?.isDirectory !== false) throw broken(entry, `${file.path} is missing`);
    }
  };
}

export function defaultLoadChecks(fs: ModelFs = nodeModelFs): Required<LoadChecks> {
  return { stt: whisperFilesCheck(fs), tts: piperFilesCheck(fs), vad: catalogFilesCheck(fs), embedding: catalogFilesCheck(fs) };
}
