import { describe, expect, it } from 'vitest';
import { floatToPcm16, pcm16ToFloat } from '../../../src/main/core/store/pcm-codec';

describe('16-bit PCM', () => {
  it('halves the size and brings samples back within one quantization step', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.8);
    const pcm = floatToPcm16(samples);
    expect(pcm.byteLength).toBe(samples.byteLength / 2);
    const back = pcm16ToFloat(pcm);
    expect(back.length).toBe(samples.length);
    for (let i = 0; i < samples.length; i++) expect(Math.abs(back[i]! - samples[i]!)).toBeLessThan(1 / 32_000);
  });

  it('clips out-of-range samples instead of wrapping around', () => {
    const back = pcm16ToFloat(floatToPcm16(Float32Array.from([1.5, -1.5, 1, -1])));
    expect(Array.from(back)).toEqual([1, -1, 1, -1]);
  });
});
