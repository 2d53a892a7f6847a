// A stand-in wake-word listener for tests without the ONNX models: a chunk holding a sample at or
// above the marker level (a clap-like peak no speech burst reaches) counts as the wake word, heard
// at the chunk's end.
import type { ClosableWakeListener } from '../../src/main/core/turn/hands-free-session';

export const WAKE_MARKER = 1;

export class MarkerWakeListener implements ClosableWakeListener {
  elapsedMs = 0;
  closed = false;

  constructor(readonly wakeWord = 'hey_jarvis') {}

  async push(samples: Float32Array): Promise<Array<{ wakeWord: string; atMs: number; score: number }>> {
    this.elapsedMs += (samples.length / 16_000) * 1000;
    const heard = samples.some((sample) => Math.abs(sample) >= WAKE_MARKER);
    return heard ? [{ wakeWord: this.wakeWord, atMs: this.elapsedMs, score: 0.99 }] : [];
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** `seconds` of 16 kHz audio holding one wake-word marker. */
export function wakeMarker(seconds = 0.1): Float32Array {
  const audio = new Float32Array(Math.round(seconds * 16_000));
  audio[audio.length - 1] = WAKE_MARKER;
  return audio;
}
