import { describe, expect, it } from 'vitest';
import { decodeWav, downmix, encodeWav16 } from '../../../src/main/core/audio/wav-codec';
import { resample } from '../../../src/main/core/audio/resample';

function wav(opts: { format: number; bits: number; channels: number; rate: number; frames: number[][]; extensible?: boolean }): Uint8Array {
  const { format, bits, channels, rate, frames } = opts;
  const bytesPer = bits / 8;
  const dataLen = frames.length * channels * bytesPer;
  const fmtLen = opts.extensible ? 40 : 16;
  const buf = new Uint8Array(12 + 8 + fmtLen + 8 + 6 /* a LIST chunk to skip */ + 8 + dataLen);
  const v = new DataView(buf.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  v.setUint32(4, buf.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, fmtLen, true);
  v.setUint16(20, opts.extensible ? 0xfffe : format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * channels * bytesPer, true);
  v.setUint16(32, channels * bytesPer, true);
  v.setUint16(34, bits, true);
  if (opts.extensible) v.setUint16(20 + 24, format, true); // SubFormat GUID starts at fmt body + 24
  let at = 20 + fmtLen;
  text(at, 'LIST');
  v.setUint32(at + 4, 6, true);
  at += 14;
  text(at, 'data');
  v.setUint32(at + 4, dataLen, true);
  at += 8;
  for (const frame of frames) {
    for (const x of frame) {
      if (format === 3 && bits === 32) v.setFloat32(at, x, true);
      else if (format === 3) v.setFloat64(at, x, true);
      else if (bits === 8) v.setUint8(at, Math.round(x * 127) + 128);
      else if (bits === 16) v.setInt16(at, Math.round(x * 32767), true);
      else if (bits === 24) {
        const n = Math.round(x * 8388607);
        v.setUint8(at, n & 0xff);
        v.setUint8(at + 1, (n >> 8) & 0xff);
        v.setInt8(at + 2, n >> 16);
      } else v.setInt32(at, Math.round(x * 2147483647), true);
      at += bytesPer;
    }
  }
  return buf;
}

describe('decodeWav', () => {
  const frames = [[0.5, -0.5], [0.25, 0.25], [-1, 1]];
  for (const [format, bits] of [[1, 8], [1, 16], [1, 24], [1, 32], [3, 32], [3, 64]] as const) {
    it(`reads ${format === 3 ? 'float' : 'PCM'} ${bits}-bit stereo, skipping other chunks`, () => {
      const out = decodeWav(wav({ format, bits, channels: 2, rate: 44_100, frames }));
      expect(out.sampleRate).toBe(44_100);
      expect(out.channels).toHaveLength(2);
      const tolerance = bits === 8 ? 0.02 : 1e-3;
      expect(Math.abs((out.channels[0]?.[0] ?? 0) - 0.5)).toBeLessThan(tolerance);
      expect(Math.abs((out.channels[1]?.[2] ?? 0) - 1)).toBeLessThan(tolerance);
    });
  }

  it('reads WAVE_FORMAT_EXTENSIBLE', () => {
    const out = decodeWav(wav({ format: 1, bits: 16, channels: 1, rate: 16_000, frames: [[0.5]], extensible: true }));
    expect(out.channels[0]?.[0]).toBeCloseTo(0.5, 3);
  });

  it('explains what to do with files it cannot read', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3'))).toThrow(/not a WAV file.*sox/);
    const alaw = wav({ format: 6, bits: 8, channels: 1, rate: 8000, frames: [[0]] });
    expect(() => decodeWav(alaw)).toThrow(/not supported.*sox/);
  });

  it('round-trips through the 16-bit encoder', () => {
    const samples = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.8);
    const back = decodeWav(encodeWav16(samples, 22_050));
    expect(back.sampleRate).toBe(22_050);
    back.channels[0]?.forEach((x, i) => expect(Math.abs(x - (samples[i] as number))).toBeLessThan(1e-4));
  });
});

describe('downmix and resample', () => {
  it('averages channels', () => {
    expect([...downmix([Float32Array.of(1, 0), Float32Array.of(0, 1)])]).toEqual([0.5, 0.5]);
  });

  it('resamples 44.1 kHz to 16 kHz keeping duration and pitch', () => {
    const rate = 44_100;
    const tone = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / rate));
    const out = resample(tone, rate, 16_000);
    expect(Math.abs(out.length - 16_000)).toBeLessThan(50);
    // Zero crossings per second ≈ 2 × 440 at the new rate.
    let crossings = 0;
    for (let i = 1000; i < 15_000; i++) if ((out[i - 1] as number) < 0 !== (out[i] as number) < 0) crossings += 1;
    expect(crossings / (14_000 / 16_000)).toBeGreaterThan(860);
    expect(crossings / (14_000 / 16_000)).toBeLessThan(900);
  });
});
