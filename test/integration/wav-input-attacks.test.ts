// Bad audio files given to `ask --wav`: each ends with one clear line, none hangs, and a huge or
// endless file costs only the seconds that are used.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from '../../src/main/core/audio/wav-codec';
import { readWavMono } from '../../src/main/core/audio/wav-file-reader';
import { loadUtterance } from '../../src/main/core/audio/wav-input';
import type { EarshotError } from '../../src/shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-wav-attack-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<EarshotError> {
  try {
    await promise;
  } catch (error) {
    return error as EarshotError;
  }
  throw new Error('expected the read to fail');
}

/** A 16 kHz mono 16-bit header declaring `dataBytes` (0xFFFFFFFF: streamed, length unknown). */
function header(dataBytes: number): Uint8Array {
  const bytes = encodeWav16(new Float32Array(0), 16_000);
  new DataView(bytes.buffer).setUint32(40, dataBytes, true);
  return bytes;
}

const oneLine = (error: EarshotError) => {
  expect(error.message.split('\n')).toHaveLength(1);
  expect(error.message).not.toMatch(/Offset|outside the bounds|RangeError|Something went wrong/);
};

describe('bad WAV files', () => {
  it('a WAV cut short inside its header says so in one line', async () => {
    const whole = encodeWav16(new Float32Array(16_000), 16_000);
    for (const cut of [2, 8, 20, 30, 40]) {
      const path = join(dir, `cut-${cut}.wav`);
      writeFileSync(path, whole.subarray(0, cut));
      const error = await failure(loadUtterance(path));
      expect(error.code, `cut at ${cut}`).toBe('audio_invalid');
      oneLine(error);
      expect(() => decodeWav(whole.subarray(0, cut))).toThrow(/cut short|not a WAV|no format|no audio/);
    }
  });

  it('a file that is not a WAV says so', async () => {
    const path = join(dir, 'song.mp3');
    writeFileSync(path, 'ID3\u0004 this is an mp3 frame');
    const error = await failure(loadUtterance(path));
    expect(error.code).toBe('audio_invalid');
    expect(error.message).toMatch(/This is not a WAV file/);
    oneLine(error);
  });

  it('/dev/zero ends at once with "not a WAV file" instead of hanging', async () => {
    const error = await failure(loadUtterance('/dev/zero'));
    expect(error.message).toMatch(/This is not a WAV file/);
  });

  it('a folder, or a header lost in endless metadata, is one line too', async () => {
    expect((await failure(loadUtterance(dir))).message).toMatch(/is a folder, not a WAV file/);
    const path = join(dir, 'meta.wav');
    const riff = new Uint8Array(12 + 8);
    riff.set(new TextEncoder().encode('RIFF\0\0\0\0WAVELIST'));
    writeFileSync(path, riff);
    truncateSync(path, 3 * 1024 * 1024); // a LIST chunk of size 0 followed by zeros: never a data chunk
    expect((await failure(loadUtterance(path))).code).toBe('audio_invalid');
  });
});

describe('large and endless WAVs', () => {
  it('a 300 MB WAV is read only as far as the seconds used', async () => {
    const path = join(dir, 'long.wav');
    writeFileSync(path, header(300 * 1024 * 1024));
    truncateSync(path, 44 + 300 * 1024 * 1024); // sparse: costs no disk
    const wav = await readWavMono(path, 121);
    expect(wav.samples.length).toBe(121 * 16_000);
    expect(wav.truncated).toBe(true);
    // What is held is the seconds used, in one buffer: ≤ 2× the 120 s of audio.
    expect(wav.samples.buffer.byteLength).toBeLessThanOrEqual(2 * 120 * 16_000 * 4);
  });

  it.skipIf(process.platform === 'win32')('an endless stream (a pipe that never closes) stops at the seconds used', async () => {
    const fifo = join(dir, 'endless.wav');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.on('error', () => {}); // the reader closing the pipe ends the writer with EPIPE
    const zeros = Buffer.alloc(64 * 1024);
    let open = true;
    writer.on('close', () => (open = false));
    const pump = () => {
      while (open && writer.write(zeros));
      if (open) writer.once('drain', pump);
    };
    writer.write(header(0xffffffff));
    pump();
    const wav = await readWavMono(fifo, 3);
    writer.destroy();
    expect(wav.samples.length).toBe(3 * 16_000);
    expect(wav.truncated).toBe(true);
  });
});
