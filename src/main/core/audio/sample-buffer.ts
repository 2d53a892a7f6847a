// A growable buffer of 16 kHz samples for one utterance, with a hard cap on its length.
export class SampleBuffer {
  private data: Float32Array;
  private length = 0;
  /** Samples that were dropped because the cap was reached. */
  dropped = 0;
  /** Non-finite samples (NaN, ±Infinity) that were replaced by silence. */
  repaired = 0;

  constructor(
    private readonly maxSamples: number,
    initialCapacity = 16_000 * 4,
  ) {
    this.data = new Float32Array(Math.min(initialCapacity, maxSamples));
  }

  get size(): number {
    return this.length;
  }

  /** Appends what fits under the cap; returns the accepted part (non-finite values zeroed). */
  append(samples: Float32Array): Float32Array {
    const room = this.maxSamples - this.length;
    const take = Math.min(room, samples.length);
    this.dropped += samples.length - take;
    if (take <= 0) return new Float32Array(0);
    if (this.length + take > this.data.length) {
      const grown = new Float32Array(Math.min(this.maxSamples, Math.max(this.data.length * 2, this.length + take)));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    const target = this.data.subarray(this.length, this.length + take);
    for (let i = 0; i < take; i++) {
      const v = samples[i] as number;
      if (Number.isFinite(v)) target[i] = v > 1 ? 1 : v < -1 ? -1 : v;
      else {
        target[i] = 0;
        this.repaired += 1;
      }
    }
    this.length += take;
    return target;
  }

  /** A view of samples [start, end). */
  slice(start: number, end: number = this.length): Float32Array {
    return this.data.subarray(Math.max(0, start), Math.min(end, this.length));
  }
}
