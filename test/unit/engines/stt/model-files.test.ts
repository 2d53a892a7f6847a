import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWhisperFiles, readDimensions } from '../../../../src/main/core/engines/stt/model-files';

const DIR = '/models/whisper-base';
const JSON_FILES = ['tokenizer.json', 'config.json', 'generation_config.json', 'preprocessor_config.json'];
const folder = (...files: string[]) => {
  const present = new Set([...JSON_FILES, ...files].map((f) => join(DIR, f)));
  return (path: string) => present.has(path);
};

describe('findWhisperFiles', () => {
  const both = folder(
    'onnx/encoder_model.onnx',
    'onnx/decoder_model_merged.onnx',
    'onnx/encoder_model_int8.onnx',
    'onnx/decoder_model_merged_int8.onnx',
  );

  it('prefers int8 when quantized and fp32 when not', () => {
    expect(findWhisperFiles(DIR, true, both)).toMatchObject({ found: { variant: 'int8', encoder: join(DIR, 'onnx/encoder_model_int8.onnx') } });
    expect(findWhisperFiles(DIR, false, both)).toMatchObject({ found: { variant: 'fp32', decoder: join(DIR, 'onnx/decoder_model_merged.onnx') } });
  });

  it('falls back to whatever variant exists, with _quantized names and files in the folder root', () => {
    const quantizedOnly = folder('encoder_model_quantized.onnx', 'decoder_model_merged_quantized.onnx');
    expect(findWhisperFiles(DIR, false, quantizedOnly)).toMatchObject({
      found: { variant: 'int8', encoder: join(DIR, 'encoder_model_quantized.onnx') },
    });
    const fp32Only = folder('encoder_model.onnx', 'decoder_model_merged.onnx');
    expect(findWhisperFiles(DIR, true, fp32Only)).toMatchObject({ found: { variant: 'fp32' } });
  });

  it('never pairs an encoder with a decoder of another variant', () => {
    const mixed = folder('onnx/encoder_model_int8.onnx', 'onnx/decoder_model_merged.onnx');
    expect(findWhisperFiles(DIR, true, mixed)).toHaveProperty('missing');
  });

  it('lists what is missing', () => {
    expect(findWhisperFiles(DIR, true, () => false)).toEqual({
      missing: [...JSON_FILES, 'onnx/encoder_model.onnx + onnx/decoder_model_merged.onnx'],
    });
  });
});

describe('readDimensions', () => {
  const base = { d_model: 512, decoder_attention_heads: 8, decoder_layers: 6, max_target_positions: 448, num_mel_bins: 80 };

  it('reads the decoder shape and the mel count (128 for large-v3)', () => {
    expect(readDimensions(base, { feature_size: 128, sampling_rate: 16000 })).toEqual({
      nMels: 128,
      decoderLayers: 6,
      decoderHeads: 8,
      headDim: 64,
      maxTargetPositions: 448,
    });
  });

  it('explains what is wrong with a config it cannot use', () => {
    expect(readDimensions({}, { feature_size: 80 })).toMatch(/decoder_layers/);
    expect(readDimensions(base, { feature_size: 80, sampling_rate: 8000 })).toMatch(/8000 Hz/);
  });
});
