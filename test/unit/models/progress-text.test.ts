import { describe, expect, it } from 'vitest';
import type { ModelProgress } from '../../../src/main/core/models/progress';
import { INITIAL_LINE_STATE, nextLine, progressLine } from '../../../src/main/core/models/progress-text';

const event = (patch: Partial<ModelProgress>): ModelProgress => ({
  source: 'catalog',
  model: 'whisper-base',
  phase: 'downloading',
  detail: 'onnx/encoder_model_int8.onnx',
  receivedBytes: 23_200_000,
  totalBytes: 77_000_000,
  fraction: 23.2 / 77,
  bytesPerSecond: 3_100_000,
  etaSeconds: 17,
  ...patch,
});

describe('plain progress lines', () => {
  it('says what is downloading, how much, how fast and how long is left', () => {
    expect(progressLine(event({}))).toBe('whisper-base: downloading onnx/encoder_model_int8.onnx — 23.2 MB / 77.0 MB (30%), 3.1 MB/s, 17s left');
    expect(progressLine(event({ totalBytes: null, fraction: null, bytesPerSecond: null, etaSeconds: null }))).toBe(
      'whisper-base: downloading onnx/encoder_model_int8.onnx — 23.2 MB',
    );
    expect(progressLine(event({ phase: 'testing', detail: 'whisper-base' }))).toBe('whisper-base: test-loading');
    expect(progressLine(event({ phase: 'extracting', detail: 'v.tar.bz2' }))).toBe('whisper-base: unpacking v.tar.bz2');
  });

  it('prints each phase change and each further tenth of the download, nothing more', () => {
    const fractions = [0, 0.01, 0.05, 0.1, 0.12, 0.35, 0.36, 1];
    let state = INITIAL_LINE_STATE;
    const printed: number[] = [];
    for (const fraction of fractions) {
      const next = nextLine(state, event({ fraction }));
      state = next.state;
      if (next.print) printed.push(fraction);
    }
    expect(printed).toEqual([0, 0.1, 0.35, 1]);
    expect(nextLine(state, event({ phase: 'testing', fraction: 1 })).print).toBe(true);
  });
});
