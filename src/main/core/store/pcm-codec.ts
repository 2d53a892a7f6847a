// Audio in the TTS cache: 16-bit little-endian PCM, half the size of Float32 and inaudibly different.
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

export function floatToPcm16(samples: Float32Array): Buffer {
  // Plain Int16Array stores beat Buffer.writeInt16LE (argument checks on every call) by ~25 %; this
  // runs on the main thread after each turn. Int16Array uses the platform's byte order, so a
  // big-endian machine swaps to little-endian afterwards.
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    pcm[i] = Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
  }
  const out = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  return LITTLE_ENDIAN ? out : out.swap16();
}

export function pcm16ToFloat(pcm: Uint8Array): Float32Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const count = Math.floor(pcm.byteLength / 2);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const v = view.getInt16(i * 2, true);
    out[i] = v < 0 ? v / 0x8000 : v / 0x7fff;
  }
  return out;
}
