// Whisper's log-mel spectrogram, computed over the real audio only. Whisper pads every clip with
// zeros to 30 s, runs an STFT (n_fft 400, hop 160, periodic Hann window, reflect padding of 200 at
// both ends), drops the last frame, applies the mel filterbank to |X|², takes log10(max(x, 1e-10)),
// clamps to (max − 8) and maps x → (x + 4) / 4. Frames lying wholly in the zero padding all end up
// with one value, so they are filled rather than computed: a 3 s clip costs 10% of a 30 s one.
import { setImmediate } from 'node:timers/promises';
import { throwIfAborted } from './abort';
import { RealFft } from './fft';
import { type MelFilter, slaneyMelFilterbank } from './mel-filterbank';

export const SAMPLE_RATE = 16_000;
export const N_FFT = 400;
export const HOP_LENGTH = 160;
export const CHUNK_SAMPLES = 30 * SAMPLE_RATE;
export const N_FRAMES = CHUNK_SAMPLES / HOP_LENGTH;

const PAD = N_FFT / 2;
const LOG_FLOOR = -10; // log10(1e-10), what a frame of zeros gives

/**
 * How many leading frames see any of the first `length` samples (after padding to 30 s). Every
 * later frame is built from zeros only.
 */
export function framesTouchingAudio(length: number): number {
  const n = Math.min(Math.max(0, Math.floor(length)), CHUNK_SAMPLES);
  // Frame t covers padded samples [t·hop − 200, t·hop + 200); past the 30 s end the reflect padding
  // mirrors samples back from 2·30 s − 2 − i, which reach the audio only when it nearly fills 30 s.
  const lastFrameEnd = (N_FRAMES - 1) * HOP_LENGTH + PAD - 1;
  const lowestMirrored = 2 * CHUNK_SAMPLES - 2 - lastFrameEnd;
  if (lastFrameEnd >= CHUNK_SAMPLES && n > lowestMirrored) return N_FRAMES;
  return Math.min(N_FRAMES, Math.ceil((n + PAD) / HOP_LENGTH));
}

/** Normalised value of a frame with no signal, given the largest log10 power in the clip. */
export function paddingValue(maxLog: number): number {
  return (Math.max(LOG_FLOOR, maxLog - 8) + 4) / 4;
}

export interface LogMelOptions {
  /** 80, or 128 for large-v3. */
  nMels: number;
  /** Frames computed between yields to the event loop (default 64). */
  framesPerSlice?: number;
  /** How to yield to the event loop (default: setImmediate). */
  yieldToLoop?: () => Promise<void>;
}

export interface LogMelResult {
  /** [nMels, 3000], mel-major: value (m, t) at m·3000 + t. */
  features: Float32Array;
  /** Frames computed from audio; the rest hold the padding value. */
  computedFrames: number;
}

export class LogMelSpectrogram {
  readonly nMels: number;
  private readonly filters: MelFilter[];
  private readonly fft = new RealFft(N_FFT);
  private readonly window = new Float64Array(N_FFT);
  private readonly frame = new Float64Array(N_FFT);
  private readonly power = new Float64Array(N_FFT / 2 + 1);
  private readonly framesPerSlice: number;
  private readonly yieldToLoop: () => Promise<void>;

  constructor(options: LogMelOptions) {
    this.nMels = options.nMels;
    this.filters = slaneyMelFilterbank({ sampleRate: SAMPLE_RATE, nFft: N_FFT, nMels: options.nMels });
    for (let n = 0; n < N_FFT; n++) this.window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / N_FFT);
    this.framesPerSlice = Math.max(1, options.framesPerSlice ?? 64);
    this.yieldToLoop = options.yieldToLoop ?? (() => setImmediate());
  }

  /** Computes the features in slices, yielding to the event loop between them. */
  async compute(audio: Float32Array, signal?: AbortSignal): Promise<LogMelResult> {
    const clip = audio.length > CHUNK_SAMPLES ? audio.subarray(0, CHUNK_SAMPLES) : audio;
    const features = new Float32Array(this.nMels * N_FRAMES);
    const computedFrames = framesTouchingAudio(clip.length);
    let maxLog = LOG_FLOOR;
    for (let from = 0; from < computedFrames; from += this.framesPerSlice) {
      if (from > 0) await this.yieldToLoop();
      throwIfAborted(signal);
      const to = Math.min(computedFrames, from + this.framesPerSlice);
      maxLog = Math.max(maxLog, this.logMelFrames(clip, from, to, features));
    }
    normalize(features, this.nMels, computedFrames, maxLog);
    return { features, computedFrames };
  }

  /** Writes log10 mel power for frames [from, to) and returns the largest value written. */
  private logMelFrames(audio: Float32Array, from: number, to: number, out: Float32Array): number {
    const { frame, window, power, filters } = this;
    let maxLog = LOG_FLOOR;
    for (let t = from; t < to; t++) {
      const origin = t * HOP_LENGTH - PAD;
      for (let n = 0; n < N_FFT; n++) frame[n] = paddedSample(audio, origin + n) * window[n]!;
      this.fft.powerSpectrum(frame, power);
      for (let m = 0; m < filters.length; m++) {
        const { start, weights } = filters[m]!;
        let sum = 0;
        for (let k = 0; k < weights.length; k++) sum += weights[k]! * power[start + k]!;
        const log = Math.log10(Math.max(sum, 1e-10));
        out[m * N_FRAMES + t] = log;
        if (log > maxLog) maxLog = log;
      }
    }
    return maxLog;
  }
}

/** Sample i of the clip zero-padded to 30 s and reflect-padded by 200 at both ends. */
function paddedSample(audio: Float32Array, i: number): number {
  let j = i;
  if (j < 0) j = -j;
  else if (j >= CHUNK_SAMPLES) j = 2 * CHUNK_SAMPLES - 2 - j;
  return j < audio.length ? audio[j]! : 0;
}

function normalize(features: Float32Array, nMels: number, computedFrames: number, maxLog: number): void {
  const floor = maxLog - 8;
  const fill = paddingValue(maxLog);
  for (let m = 0; m < nMels; m++) {
    const row = m * N_FRAMES;
    for (let t = 0; t < computedFrames; t++) features[row + t] = (Math.max(features[row + t]!, floor) + 4) / 4;
    features.fill(fill, row + computedFrames, row + N_FRAMES);
  }
}
