// The deterministic test signal shared with whisper_log_mel.py (keep the two in step): three tones,
// one of them swelling, plus xorshift32 noise, rounded to float32 at 16 kHz.

export const TEST_SIGNAL_SEED = 0x9e3779b9;

export function testSignal(seconds: number, sampleRate = 16_000): Float32Array {
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  let state = TEST_SIGNAL_SEED >>> 0;
  for (let i = 0; i < n; i++) {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    const noise = (2 * state) / 2 ** 32 - 1;
    const t = i / sampleRate;
    const swell = 0.5 + 0.5 * Math.sin(2 * Math.PI * 1.5 * t);
    out[i] =
      0.3 * swell * Math.sin(2 * Math.PI * 440 * t) +
      0.2 * Math.sin(2 * Math.PI * 1234.5 * t) +
      0.1 * Math.sin(2 * Math.PI * 3000 * t + 0.5) +
      0.05 * noise;
  }
  return out;
}
