// Streaming openWakeWord features: each 80 ms hop of int16-valued audio becomes 8 mel frames
// (scaled as the embedding model was trained: mel / 10 + 2) and one 96-d embedding of the last 76
// frames. Before any audio the mel history is all ones, as openWakeWord starts it, so the first
// embeddings describe "nothing yet" rather than garbage.
import type { WakeModelRunner } from './wake-onnx-models';
import {
  EMBEDDING_SIZE,
  EMBEDDING_WINDOW_FRAMES,
  HOP_SAMPLES,
  MEL_BINS,
  MEL_CONTEXT_SAMPLES,
  MEL_FRAMES_PER_HOP,
} from './wake-timing';

const MEL_WINDOW_VALUES = EMBEDDING_WINDOW_FRAMES * MEL_BINS;

export class WakeFeatureStream {
  /** The last 480 samples of the previous hop followed by this hop. */
  private readonly audio = new Float32Array(MEL_CONTEXT_SAMPLES + HOP_SAMPLES);
  /** The last 76 mel frames, oldest first. */
  private readonly mel = new Float32Array(MEL_WINDOW_VALUES).fill(1);

  constructor(
    private readonly melspectrogram: WakeModelRunner,
    private readonly embedding: WakeModelRunner,
  ) {}

  /** The embedding of the untouched (all-ones) mel history: what "no audio yet" looks like. */
  async restingEmbedding(): Promise<Float32Array> {
    return this.embed(new Float32Array(MEL_WINDOW_VALUES).fill(1));
  }

  /** One hop of exactly 1280 int16-valued samples → the embedding of the window ending with it. */
  async push(hop: Float32Array): Promise<Float32Array> {
    if (hop.length !== HOP_SAMPLES) throw new RangeError(`a hop is ${HOP_SAMPLES} samples, got ${hop.length}`);
    this.audio.copyWithin(0, HOP_SAMPLES);
    this.audio.set(hop, MEL_CONTEXT_SAMPLES);
    const frames = await this.melspectrogram.run(this.audio.slice(), [1, this.audio.length]);
    const fresh = MEL_FRAMES_PER_HOP * MEL_BINS;
    if (frames.length < fresh) throw new Error(`the melspectrogram model returned ${frames.length / MEL_BINS} frames, expected ${MEL_FRAMES_PER_HOP}`);
    this.mel.copyWithin(0, fresh);
    const tail = frames.subarray(frames.length - fresh);
    for (let i = 0; i < fresh; i++) this.mel[MEL_WINDOW_VALUES - fresh + i] = (tail[i] as number) / 10 + 2;
    return this.embed(this.mel.slice());
  }

  private async embed(window: Float32Array): Promise<Float32Array> {
    const out = await this.embedding.run(window, [1, EMBEDDING_WINDOW_FRAMES, MEL_BINS, 1]);
    return out.slice(0, EMBEDDING_SIZE);
  }
}
