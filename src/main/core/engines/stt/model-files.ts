// Where a Whisper model's files are and what its configuration says. The folder follows the
// Hugging Face optimum / onnx-community export: tokenizer.json, config.json, generation_config.json,
// preprocessor_config.json, and encoder_model*.onnx + decoder_model_merged*.onnx in onnx/ or in the
// folder itself, fp32 (no suffix) or int8 (_int8 or _quantized).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EarshotError } from '../../../../shared/errors';

export type WhisperVariant = 'fp32' | 'int8';

export interface WhisperModelFiles {
  variant: WhisperVariant;
  encoder: string;
  decoder: string;
  tokenizer: string;
  config: string;
  generationConfig: string;
  preprocessorConfig: string;
}

export type FindResult = { found: WhisperModelFiles } | { missing: string[] };

const JSON_FILES = ['tokenizer.json', 'config.json', 'generation_config.json', 'preprocessor_config.json'] as const;
const SUFFIXES: Record<WhisperVariant, readonly string[]> = { int8: ['_int8', '_quantized'], fp32: [''] };

/** Picks the files to load: int8 first when `quantized`, fp32 first otherwise, else whatever exists. */
export function findWhisperFiles(modelDir: string, quantized: boolean, exists: (path: string) => boolean = existsSync): FindResult {
  const missing: string[] = JSON_FILES.filter((name) => !exists(join(modelDir, name)));
  const order: WhisperVariant[] = quantized ? ['int8', 'fp32'] : ['fp32', 'int8'];
  let onnx: Pick<WhisperModelFiles, 'variant' | 'encoder' | 'decoder'> | null = null;
  search: for (const variant of order) {
    for (const folder of [join(modelDir, 'onnx'), modelDir]) {
      for (const suffix of SUFFIXES[variant]) {
        const encoder = join(folder, `encoder_model${suffix}.onnx`);
        const decoder = join(folder, `decoder_model_merged${suffix}.onnx`);
        if (exists(encoder) && exists(decoder)) {
          onnx = { variant, encoder, decoder };
          break search;
        }
      }
    }
  }
  if (!onnx) missing.push('onnx/encoder_model.onnx + onnx/decoder_model_merged.onnx');
  if (missing.length > 0 || !onnx) return { missing };
  return {
    found: {
      ...onnx,
      tokenizer: join(modelDir, 'tokenizer.json'),
      config: join(modelDir, 'config.json'),
      generationConfig: join(modelDir, 'generation_config.json'),
      preprocessorConfig: join(modelDir, 'preprocessor_config.json'),
    },
  };
}

export function modelMissingError(modelId: string, modelDir: string): EarshotError {
  return new EarshotError('stt_model_missing', `Whisper model "${modelId}" not found in ${modelDir} — run \`npm run models -- fetch ${modelId}\``, { params: { id: modelId, dir: modelDir } });
}

export function modelCorruptError(modelId: string, file: string, detail: string, cause?: unknown): EarshotError {
  return new EarshotError(
    'stt_model_corrupt',
    `Whisper model file ${file} could not be loaded (${detail}) — it is damaged or incomplete; re-download it with \`npm run models -- fetch ${modelId}\``,
    { cause },
  );
}

export async function readJsonFile(modelId: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw modelCorruptError(modelId, path, 'unreadable', error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw modelCorruptError(modelId, path, 'not valid JSON', error);
  }
}

/** The shapes the engine needs from config.json and preprocessor_config.json. */
export interface WhisperDimensions {
  nMels: number;
  decoderLayers: number;
  decoderHeads: number;
  headDim: number;
  /** Longest decoder sequence, prompt included (448). */
  maxTargetPositions: number;
}

export function readDimensions(config: unknown, preprocessor: unknown): WhisperDimensions | string {
  const c = (config ?? {}) as Record<string, unknown>;
  const p = (preprocessor ?? {}) as Record<string, unknown>;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const nMels = int(p.feature_size) ?? int(c.num_mel_bins);
  const layers = int(c.decoder_layers);
  const heads = int(c.decoder_attention_heads);
  const dModel = int(c.d_model);
  if (p.sampling_rate !== undefined && p.sampling_rate !== 16_000) return `preprocessor_config.json expects ${String(p.sampling_rate)} Hz audio, not 16000`;
  if (!nMels) return 'no feature_size in preprocessor_config.json';
  if (!layers || !heads || !dModel || dModel % heads !== 0) return 'config.json lacks decoder_layers, decoder_attention_heads or d_model';
  return {
    nMels,
    decoderLayers: layers,
    decoderHeads: heads,
    headDim: dModel / heads,
    maxTargetPositions: int(c.max_target_positions) ?? 448,
  };
}
