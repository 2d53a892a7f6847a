// openWakeWord's fixed stream geometry: 16 kHz audio in 80 ms hops; the melspectrogram model makes
// one 32-bin frame per 10 ms; the embedding model looks at 76 frames (775 ms) and a new window
// starts every 8 frames, so each hop yields exactly one 96-d embedding.
export const WAKE_SAMPLE_RATE = 16_000;
export const HOP_SAMPLES = 1280;
export const HOP_MS = (HOP_SAMPLES / WAKE_SAMPLE_RATE) * 1000;
/** Audio kept from the previous hop so the 25 ms mel windows straddle hop boundaries: 8 frames per hop, not 5. */
export const MEL_CONTEXT_SAMPLES = 480;
export const MEL_BINS = 32;
export const MEL_FRAMES_PER_HOP = 8;
export const EMBEDDING_WINDOW_FRAMES = 76;
export const EMBEDDING_SIZE = 96;
/** The models were trained on int16-valued audio carried as float. */
export const INT16_SCALE = 32767;

/** Milliseconds from the stream's start to the end of hop number `hop` (0-based). */
export function hopEndMs(hop: number): number {
  return (hop + 1) * HOP_MS;
}
