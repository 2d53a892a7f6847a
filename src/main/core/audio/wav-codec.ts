// WAV (RIFF/WAVE) decoding to Float32 channels and encoding of 16-bit PCM mono. Pure and fast:
// a DataView over the bytes, no per-sample allocations. Handles PCM 8/16/24/32-bit, IEEE float
// 32/64-bit, and WAVE_FORMAT_EXTENSIBLE wrapping either.
import { IEEE_FLOAT, invalidWav, parseWavHeader, PCM } from './wav-header';

export interface DecodedWav {
  sampleRate: number;
  /** One Float32Array per channel, values in [-1, 1]. */
  channels: Float32Array[];
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const header = parseWavHeader(bytes, true);
  if (!header) throw invalidWav('This is not a WAV file');
  const { format, dataStart } = header;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A streamed WAV may declare no length (or more than is there): take what is there.
  const length = header.dataLength === null ? bytes.length - dataStart : Math.min(header.dataLength, bytes.length - dataStart);
  const { code, channels, rate, bits } = format;
  const bytesPer = bits / 8;
  const frames = Math.floor(length / (bytesPer * channels));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const read = sampleReader(view, code, bits);
  for (let f = 0, at = dataStart; f < frames; f++) {
    for (let c = 0; c < channels; c++, at += bytesPer) (out[c] as Float32Array)[f] = read(at);
  }
  return { sampleRate: rate, channels: out };
}

export function sampleReader(view: DataView, code: number, bits: number): (at: number) => number {
  if (code === IEEE_FLOAT) return bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => {
        const v = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
        return v / 8388608;
      };
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

/** Averages channels into one. */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const out = new Float32Array(first.length);
  for (const channel of channels) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (channel[i] as number);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / channels.length;
  return out;
}

/** 16-bit PCM mono WAV. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, Number.isFinite(samples[i]) ? (samples[i] as number) : 0));
    view.setInt16(44 + i * 2, Math.round(v * 32767), true);
  }
  return bytes;
}
