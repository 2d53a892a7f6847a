// Test speech made on the spot with espeak-ng, resampled to 16 kHz mono float with sox. CI installs
// both (apt-get install espeak-ng sox); without them, tests that need speech fail with a message
// saying so rather than passing silently.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `text` spoken by espeak-ng (voice 'en', 'pt', …) as 16 kHz mono Float32 samples. */
export async function speak(text: string, voice = 'en'): Promise<Float32Array> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-speech-'));
  try {
    const wav = join(dir, 'speech.wav');
    try {
      await run('espeak-ng', ['-v', voice, '-s', '150', '-w', wav, text]);
    } catch (error) {
      throw new Error(`espeak-ng failed (install it with \`apt-get install espeak-ng sox\`): ${String(error)}`, { cause: error });
    }
    const { stdout } = await run('sox', [wav, '-r', '16000', '-c', '1', '-e', 'floating-point', '-b', '32', '-t', 'raw', '-'], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    const bytes = Uint8Array.from(stdout);
    return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function silence(seconds: number, sampleRate = 16_000): Float32Array {
  return new Float32Array(Math.round(seconds * sampleRate));
}

export function concatAudio(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
