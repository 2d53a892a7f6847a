// Real speech for the wake-word tests and benchmark: espeak-ng in a chosen voice and speed, placed
// in silence or noise at a known time, so a detection's time can be checked against where the
// phrase really ends.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const RATE = 16_000;

export interface Voice {
  /** espeak-ng voice with optional variant, e.g. "en-us+f3". */
  voice: string;
  /** Words per minute. */
  speed: number;
}

/** `text` in `voice` as 16 kHz mono Float32, leading and trailing silence trimmed. */
export async function speakAs(text: string, { voice, speed }: Voice): Promise<Float32Array> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-wake-'));
  try {
    const wav = join(dir, 'speech.wav');
    try {
      await run('espeak-ng', ['-v', voice, '-s', String(speed), '-w', wav, text]);
    } catch (error) {
      throw new Error(`espeak-ng failed (install it with \`apt-get install espeak-ng sox\`): ${String(error)}`, { cause: error });
    }
    const { stdout } = await run('sox', [wav, '-r', String(RATE), '-c', '1', '-e', 'floating-point', '-b', '32', '-t', 'raw', '-'], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    const bytes = Uint8Array.from(stdout);
    return trimSilence(new Float32Array(bytes.buffer, 0, bytes.byteLength / 4));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function trimSilence(audio: Float32Array, floor = 0.01): Float32Array {
  let start = 0;
  let end = audio.length;
  while (start < end && Math.abs(audio[start] as number) < floor) start++;
  while (end > start && Math.abs(audio[end - 1] as number) < floor) end--;
  return audio.slice(start, end);
}

/** A deterministic noise generator (mulberry32), so every run hears the same noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `seconds` of white noise at an RMS of `level` (0 gives silence). */
export function noise(seconds: number, level: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  if (level === 0) return out;
  const random = seededRandom(seed);
  const amplitude = level * Math.sqrt(3);
  for (let i = 0; i < out.length; i++) out[i] = (random() * 2 - 1) * amplitude;
  return out;
}

export interface PlacedSpeech {
  audio: Float32Array;
  /** Where the phrase starts and ends, in ms from the start of `audio`. */
  startMs: number;
  endMs: number;
}

/** `speech` after `beforeSeconds` of background and followed by `afterSeconds` of it; speech is mixed onto the noise. */
export function placeInBackground(speech: Float32Array, beforeSeconds: number, afterSeconds: number, level: number, seed = 1): PlacedSpeech {
  const background = noise(beforeSeconds + speech.length / RATE + afterSeconds, level, seed);
  const at = Math.round(beforeSeconds * RATE);
  for (let i = 0; i < speech.length; i++) background[at + i] = (background[at + i] as number) + (speech[i] as number);
  return { audio: background, startMs: (at / RATE) * 1000, endMs: ((at + speech.length) / RATE) * 1000 };
}
