// Reads a WAV file as a stream, for as many seconds as will be used, into one mono channel. The
// file is never read whole: a 300 MB recording costs the seconds kept, not 300 MB, and /dev/zero or
// a pipe that never ends cannot hang the read or fill memory. The header must show up within the
// first megabyte; the audio stops at `maxSeconds`.
import { open, type FileHandle } from 'node:fs/promises';
import { EarshotError } from '../../../shared/errors';
import { sampleReader } from './wav-codec';
import { invalidWav, parseWavHeader, type WavHeader } from './wav-header';

/** A header (with any metadata chunks before the audio) larger than this is not a WAV we take. */
export const MAX_HEADER_BYTES = 1024 * 1024;
const BLOCK_BYTES = 64 * 1024;

export interface MonoAudio {
  sampleRate: number;
  samples: Float32Array;
  /** The file held more audio than `maxSeconds`. */
  truncated: boolean;
}

function readError(path: string, error: unknown): EarshotError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new EarshotError('invalid_input', `No WAV file at ${path} — check the path.`);
  if (code === 'EISDIR') return new EarshotError('invalid_input', `${path} is a folder, not a WAV file.`);
  return new EarshotError('invalid_input', `Cannot read ${path} (${code ?? 'error'}).`);
}

async function readSome(file: FileHandle, into: Uint8Array, path: string): Promise<number> {
  try {
    return (await file.read(into, 0, into.length, null)).bytesRead;
  } catch (error) {
    throw readError(path, error);
  }
}

async function readHeader(file: FileHandle, path: string): Promise<{ header: WavHeader; rest: Uint8Array }> {
  let bytes = new Uint8Array(0);
  for (;;) {
    const block = new Uint8Array(Math.min(BLOCK_BYTES, MAX_HEADER_BYTES + 8 - bytes.length));
    const n = await readSome(file, block, path);
    const grown = new Uint8Array(bytes.length + n);
    grown.set(bytes);
    grown.set(block.subarray(0, n), bytes.length);
    bytes = grown;
    const header = parseWavHeader(bytes, n === 0);
    if (header) return { header, rest: bytes.subarray(Math.min(header.dataStart, bytes.length)) };
    if (bytes.length > MAX_HEADER_BYTES) throw invalidWav(`${path} has no audio within its first ${MAX_HEADER_BYTES / 1024 / 1024} MB`);
  }
}

/** The first `maxSeconds` of a WAV file, channels averaged into one. */
export async function readWavMono(path: string, maxSeconds: number): Promise<MonoAudio> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw readError(path, error);
  }
  try {
    const { header, rest } = await readHeader(file, path);
    const { code, channels, rate, bits } = header.format;
    const frameBytes = (bits / 8) * channels;
    const declaredFrames = header.dataLength === null ? Infinity : Math.floor(header.dataLength / frameBytes);
    const wanted = Math.min(declaredFrames, Math.floor(maxSeconds * rate));
    const samples = new Float32Array(wanted);
    let frames = 0;
    let carry = rest;
    let ended = false;
    const block = new Uint8Array(BLOCK_BYTES - (BLOCK_BYTES % frameBytes));
    while (frames < wanted) {
      const whole = Math.min(Math.floor(carry.length / frameBytes), wanted - frames);
      const view = new DataView(carry.buffer, carry.byteOffset, whole * frameBytes);
      const read = sampleReader(view, code, bits);
      for (let f = 0, at = 0; f < whole; f++) {
        let sum = 0;
        for (let c = 0; c < channels; c++, at += bits / 8) sum += read(at);
        samples[frames + f] = sum / channels;
      }
      frames += whole;
      const left = carry.subarray(whole * frameBytes);
      if (frames >= wanted || ended) break;
      const n = await readSome(file, block, path);
      if (n === 0) ended = true;
      const next = new Uint8Array(left.length + n);
      next.set(left);
      next.set(block.subarray(0, n), left.length);
      carry = next;
    }
    // More audio than kept: the declared length says so, or (undeclared) the file goes on.
    const truncated = frames >= wanted && (declaredFrames > wanted || (declaredFrames === Infinity && (await readSome(file, new Uint8Array(1), path)) > 0));
    return { sampleRate: rate, samples: samples.subarray(0, frames), truncated };
  } finally {
    await file.close().catch(() => {});
  }
}
