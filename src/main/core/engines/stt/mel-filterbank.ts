// The mel filterbank Whisper was trained with: librosa.filters.mel(sr, n_fft, n_mels) with the
// defaults htk=False (Slaney's mel scale: linear below 1 kHz, logarithmic above) and norm='slaney'
// (each triangle scaled to unit area), stored as float32. Filters are kept sparse: each one is a
// run of weights starting at some FFT bin.

export interface MelFilter {
  /** First FFT bin with a non-zero weight. */
  start: number;
  weights: Float32Array;
}

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

export interface MelFilterbankOptions {
  sampleRate: number;
  nFft: number;
  nMels: number;
  fMin?: number;
  /** Defaults to half the sample rate. */
  fMax?: number;
}

export function slaneyMelFilterbank(options: MelFilterbankOptions): MelFilter[] {
  const { sampleRate, nFft, nMels } = options;
  const fMin = options.fMin ?? 0;
  const fMax = options.fMax ?? sampleRate / 2;
  const bins = Math.floor(nFft / 2) + 1;
  const binHz = Array.from({ length: bins }, (_, k) => (k * sampleRate) / nFft);
  const melMin = hzToMel(fMin);
  const melMax = hzToMel(fMax);
  const melStep = (melMax - melMin) / (nMels + 1);
  const edges = Array.from({ length: nMels + 2 }, (_, i) => melToHz(melMin + i * melStep));

  const filters: MelFilter[] = [];
  for (let m = 0; m < nMels; m++) {
    const lo = edges[m]!;
    const mid = edges[m + 1]!;
    const hi = edges[m + 2]!;
    const norm = 2 / (hi - lo);
    const dense = binHz.map((f) => {
      const rising = (f - lo) / (mid - lo);
      const falling = (hi - f) / (hi - mid);
      // librosa stores the triangle as float32, then scales it in place.
      return Math.fround(Math.fround(Math.max(0, Math.min(rising, falling))) * norm);
    });
    let first = dense.findIndex((w) => w > 0);
    if (first < 0) first = 0;
    let last = dense.length - 1;
    while (last > first && dense[last] === 0) last--;
    filters.push({ start: first, weights: Float32Array.from(dense.slice(first, last + 1)) });
  }
  return filters;
}
