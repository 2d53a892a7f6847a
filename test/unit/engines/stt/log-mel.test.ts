import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_SAMPLES,
  framesTouchingAudio,
  LogMelSpectrogram,
  N_FRAMES,
} from '../../../../src/main/core/engines/stt/log-mel';
import { hzToMel, melToHz, slaneyMelFilterbank } from '../../../../src/main/core/engines/stt/mel-filterbank';
import { testSignal } from '../../../support/reference/test-signal';

interface FixtureCase {
  name: string;
  seconds: number;
  nMels: number;
  storedFrames: number;
  file: string;
  paddingValue: number;
  sum: number;
  sumOfSquares: number;
}

const FIXTURE_DIR = join(__dirname, '../../../support/reference/whisper-log-mel');
const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, 'fixture.json'), 'utf8')) as { cases: FixtureCase[] };

function referenceHead(c: FixtureCase): Float32Array {
  const bytes = readFileSync(join(FIXTURE_DIR, c.file));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

describe('log-mel spectrogram vs the python reference of Whisper’s algorithm', () => {
  it.each(fixture.cases)('$name matches frame by frame, padding region included', async (c) => {
    const mel = new LogMelSpectrogram({ nMels: c.nMels });
    const { features, computedFrames } = await mel.compute(testSignal(c.seconds));
    expect(features.length).toBe(c.nMels * N_FRAMES);
    expect(computedFrames).toBeLessThan(c.storedFrames);
    const head = referenceHead(c);
    let worst = 0;
    for (let m = 0; m < c.nMels; m++) {
      for (let t = 0; t < c.storedFrames; t++) {
        worst = Math.max(worst, Math.abs(features[m * N_FRAMES + t]! - head[m * c.storedFrames + t]!));
      }
    }
    expect(worst).toBeLessThan(2e-5);
    let sum = 0;
    let squares = 0;
    for (const v of features) {
      sum += v;
      squares += v * v;
    }
    expect(Math.abs(sum - c.sum) / Math.abs(c.sum)).toBeLessThan(1e-6);
    expect(Math.abs(squares - c.sumOfSquares) / c.sumOfSquares).toBeLessThan(1e-6);
    expect(features[N_FRAMES - 1]).toBeCloseTo(c.paddingValue, 5);
    expect(features[c.nMels * N_FRAMES - 1]).toBeCloseTo(c.paddingValue, 5);
  });

  it('gives silence −1.5 everywhere, as Whisper does', async () => {
    const { features } = await new LogMelSpectrogram({ nMels: 80 }).compute(new Float32Array(3200));
    expect(features.every((v) => v === -1.5)).toBe(true);
  });

  it('only computes the frames that touch the audio', () => {
    expect(framesTouchingAudio(0)).toBe(2);
    expect(framesTouchingAudio(16_000)).toBe(102);
    expect(framesTouchingAudio(20_800)).toBe(132);
    expect(framesTouchingAudio(CHUNK_SAMPLES - 100)).toBe(N_FRAMES);
    expect(framesTouchingAudio(CHUNK_SAMPLES * 2)).toBe(N_FRAMES);
  });

  it('yields to the event loop while it works on 30 s of audio, and can be aborted', async () => {
    const mel = new LogMelSpectrogram({ nMels: 80 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const { computedFrames } = await mel.compute(testSignal(30));
    clearInterval(timer);
    expect(computedFrames).toBe(N_FRAMES);
    expect(ticks).toBeGreaterThanOrEqual(5);

    const controller = new AbortController();
    const pending = mel.compute(testSignal(30), controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('Slaney mel filterbank', () => {
  it('is linear below 1 kHz and logarithmic above, and round-trips', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 10);
    expect(hzToMel(500)).toBeCloseTo(7.5, 10);
    for (const hz of [0, 300, 999, 1000, 4321, 8000]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 6);
  });

  it('has unit-area triangles covering the spectrum up to 8 kHz', () => {
    const filters = slaneyMelFilterbank({ sampleRate: 16_000, nFft: 400, nMels: 80 });
    expect(filters).toHaveLength(80);
    expect(filters[0]!.start).toBe(1);
    const last = filters[79]!;
    expect(last.start + last.weights.length).toBeLessThanOrEqual(201);
    // Slaney normalisation: the weight sum times bin width (40 Hz) is about 1 for wide filters.
    const area = filters[60]!.weights.reduce((a, b) => a + b, 0) * 40;
    expect(area).toBeGreaterThan(0.9);
    expect(area).toBeLessThan(1.1);
  });
});
