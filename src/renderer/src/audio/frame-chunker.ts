// Groups the microphone's small 16 kHz frames (512 samples from MicVAD) into the ~100 ms chunks
// sent to main with turn.audio. Pure: the caller keeps the pending samples between calls.

export const CAPTURE_SAMPLE_RATE = 16_000;
/** 100 ms at 16 kHz. */
export const CHUNK_SAMPLES = 1_600;

export interface ChunkerStep {
  /** Full chunks ready to send, oldest first. */
  chunks: Float32Array<ArrayBuffer>[];
  /** Samples waiting for the next frame (fewer than chunkSamples). */
  pending: Float32Array<ArrayBuffer>;
}

/** Appends one frame to the pending samples and cuts off every full chunk. */
export function appendFrame(pending: Float32Array, frame: Float32Array, chunkSamples = CHUNK_SAMPLES): ChunkerStep {
  const joined = new Float32Array(pending.length + frame.length);
  joined.set(pending, 0);
  joined.set(frame, pending.length);
  const chunks: Float32Array<ArrayBuffer>[] = [];
  let offset = 0;
  while (joined.length - offset >= chunkSamples) {
    chunks.push(joined.slice(offset, offset + chunkSamples));
    offset += chunkSamples;
  }
  return { chunks, pending: joined.slice(offset) };
}

/** What is left when the key goes up: the pending tail as a last (short) chunk, or nothing. */
export function flushPending(pending: Float32Array): Float32Array<ArrayBuffer>[] {
  return pending.length > 0 ? [Float32Array.from(pending)] : [];
}
