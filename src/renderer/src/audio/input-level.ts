// The input level meter's arithmetic: a frame's loudness on a 0–1 scale (−60 dBFS … 0 dBFS), and a
// meter that jumps up at once and falls back slowly, so speech reads as a steady bar.

const FLOOR_DB = -60;

/** RMS loudness of a frame mapped linearly from −60 dBFS (0) to 0 dBFS (1). */
export function frameLevel(frame: Float32Array): number {
  if (frame.length === 0) return 0;
  let sum = 0;
  for (const sample of frame) sum += sample * sample;
  const rms = Math.sqrt(sum / frame.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** Next meter reading: rises to a louder frame immediately, decays by `fall` per frame otherwise. */
export function nextMeterLevel(previous: number, level: number, fall = 0.08): number {
  return level >= previous ? level : Math.max(level, previous - fall);
}
