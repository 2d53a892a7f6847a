// Gathers a turn's audio chunks into one clip (for `ask --out`), resampling chunks whose rate
// differs from the first.
import { resample } from './resample';

export class AudioCollector {
  private readonly chunks: Float32Array[] = [];
  private sampleRate = 0;
  private length = 0;

  get empty(): boolean {
    return this.length === 0;
  }

  add(samples: Float32Array, sampleRate: number): void {
    if (this.sampleRate === 0) this.sampleRate = sampleRate;
    const chunk = sampleRate === this.sampleRate ? samples.slice() : resample(samples, sampleRate, this.sampleRate);
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  join(): { samples: Float32Array; sampleRate: number } {
    const samples = new Float32Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      samples.set(chunk, at);
      at += chunk.length;
    }
    return { samples, sampleRate: this.sampleRate };
  }
}
