// The RIFF/WAVE header: the format chunk and where the audio data starts. Every read is bounds-
// checked, so a file cut short inside its header is "cut short", not a RangeError from a DataView.
// Pure; used both on whole files in memory and on the first bytes of a file read as a stream.
import { EarshotError } from '../../../shared/errors';

export const PCM = 1;
export const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

export interface WavFormat {
  code: number;
  channels: number;
  rate: number;
  bits: number;
}

export interface WavHeader {
  format: WavFormat;
  dataStart: number;
  /** Bytes of audio the header declares; null when it does not say (a streamed WAV: 0 or 0xFFFFFFFF). */
  dataLength: number | null;
}

export function invalidWav(message: string): EarshotError {
  return new EarshotError('audio_invalid', `${message} — convert it to a plain WAV first, e.g. \`sox input.wav -r 16000 -c 1 -b 16 output.wav\`.`);
}

function checkFormat(format: WavFormat): WavFormat {
  const { code, channels, rate, bits } = format;
  const supported = (code === PCM && [8, 16, 24, 32].includes(bits)) || (code === IEEE_FLOAT && (bits === 32 || bits === 64));
  if (!supported) throw invalidWav(`This WAV encoding (format ${code}, ${bits}-bit) is not supported`);
  if (channels < 1 || channels > 16) throw invalidWav(`The WAV file declares ${channels} channels`);
  if (rate < 4000 || rate > 384_000) throw invalidWav(`The WAV sample rate ${rate} Hz is out of range`);
  return format;
}

/**
 * The header of `bytes`, or null when more bytes are needed to find it. `complete` says the bytes
 * are the whole file: then a header that does not fit is an error.
 */
export function parseWavHeader(bytes: Uint8Array, complete: boolean): WavHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  const cutShort = () => invalidWav('The WAV file is cut short inside its header');
  if (bytes.length < 12) {
    if (!complete) return null;
    if (bytes.length >= 4 && tag(0) === 'RIFF') throw cutShort();
    throw invalidWav('This is not a WAV file');
  }
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw invalidWav('This is not a WAV file');
  let format: WavFormat | null = null;
  for (let at = 12; ; ) {
    if (at + 8 > bytes.length) {
      if (!complete) return null;
      throw format ? invalidWav('The WAV file has no audio data') : invalidWav('The WAV file has no format chunk');
    }
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'data') {
      if (!format) throw invalidWav('The WAV file has no format chunk before its audio');
      return { format: checkFormat(format), dataStart: body, dataLength: size === 0 || size === 0xffffffff ? null : size };
    }
    if (id === 'fmt ') {
      if (size < 16) throw invalidWav('The WAV format chunk is too short');
      const needed = size >= 40 ? 40 : 16;
      if (body + needed > bytes.length) {
        if (!complete) return null;
        throw cutShort();
      }
      let code = view.getUint16(body, true);
      if (code === EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      format = { code, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    }
    at = body + size + (size % 2);
  }
}
