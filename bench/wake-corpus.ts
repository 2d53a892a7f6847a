// The wake-word benchmark's audio: espeak-ng speech in many voices and speeds over silence and
// sox-made noise. Generated once and cached under .cache/wake-bench (gitignored), because 30
// minutes of it take a while to synthesise.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seededRandom, speakAs, type Voice } from '../test/support/wake-speech';

const run = promisify(execFile);
const RATE = 16_000;

export const BENCH_VOICES = ['en-us', 'en-gb', 'en-us+f3', 'en-gb-scotland', 'en+m3', 'en-gb-x-rp+f2', 'en-us+klatt', 'en-029'];
export const BENCH_SPEEDS = [120, 150, 180, 210];

/** Ordinary speech plus near misses; none of it contains the wake word. */
export const NEGATIVE_SENTENCES = [
  'what is the capital of france',
  'set a timer for ten minutes',
  'how is the weather going to be tomorrow morning',
  'remind me to call my mother on sunday',
  'play some relaxing music in the living room',
  'the quick brown fox jumps over the lazy dog',
  'can you tell me a joke about computers',
  'turn off the lights in the kitchen please',
  'i would like to order a large pizza with mushrooms',
  'how many kilometers are there in a mile',
  'the meeting has been moved to thursday afternoon',
  'please add milk, eggs and bread to the shopping list',
  'what time does the train to boston leave',
  'my favourite colour used to be blue but now it is green',
  'she sells sea shells by the sea shore',
  'translate good morning into portuguese',
  'who wrote the novel pride and prejudice',
  'the stock market closed higher today after a volatile week',
  'do you know any good recipes for dinner',
  'the children are playing in the garden',
  'hey travis, are you coming tonight',
  'hey marvin, pass me the salt',
  'jarvis was the name of his butler',
  'hey there, how are you doing today',
  'the jars of jam are on the top shelf',
  'harvest season starts in september',
  'hey, service was slow at the restaurant',
  'hey jar, hey jam, hey jelly',
  'charles davis arrived late again',
  'hey harvey, is that you',
  'a nervous jaguar ran across the road',
  'okay computer, what is on my calendar',
  'alexander and jarrod went to paris',
  'the garage door is still open',
  'have you seen the new movie about space travel',
];

export interface Background {
  kind: 'silence' | 'whitenoise' | 'pinknoise' | 'brownnoise';
  /** sox `vol` factor for the noise. */
  level: number;
}

export const BACKGROUNDS: Background[] = [
  { kind: 'silence', level: 0 },
  { kind: 'pinknoise', level: 0.05 },
  { kind: 'whitenoise', level: 0.02 },
  { kind: 'brownnoise', level: 0.1 },
  { kind: 'pinknoise', level: 0.15 },
];

/** Noise from sox in repeatable mode (-R), so every run hears the same noise. */
export async function soxNoise(seconds: number, background: Background): Promise<Float32Array> {
  if (background.kind === 'silence') return new Float32Array(Math.round(seconds * RATE));
  const { stdout } = await run(
    'sox',
    ['-R', '-n', '-r', String(RATE), '-c', '1', '-e', 'floating-point', '-b', '32', '-t', 'raw', '-', 'synth', String(seconds), background.kind, 'vol', String(background.level)],
    { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
  );
  const bytes = Uint8Array.from(stdout);
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * `minutes` of speech without the wake word: one background per minute, sentences in random voices,
 * speeds and loudness with 0.3–3 s gaps. Cached by length and seed.
 */
export async function mixedNegativeAudio(cacheDir: string, minutes: number, seed = 42, log: (line: string) => void = () => {}): Promise<Float32Array> {
  const file = join(cacheDir, `mixed-${minutes}min-seed${seed}.f32`);
  if (existsSync(file)) {
    const bytes = await readFile(file);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }
  const random = seededRandom(seed);
  const out = new Float32Array(minutes * 60 * RATE);
  for (let minute = 0; minute < minutes; minute++) {
    const background = BACKGROUNDS[minute % BACKGROUNDS.length] as Background;
    const start = minute * 60 * RATE;
    out.set(await soxNoise(60, background), start);
    let at = start + Math.round(random() * RATE);
    for (;;) {
      const voice: Voice = { voice: pick(BENCH_VOICES, random), speed: pick(BENCH_SPEEDS, random) };
      const speech = await speakAs(pick(NEGATIVE_SENTENCES, random), voice);
      if (at + speech.length > start + 60 * RATE) break;
      const gain = 0.4 + random() * 0.6;
      for (let i = 0; i < speech.length; i++) out[at + i] = (out[at + i] as number) + (speech[i] as number) * gain;
      at += speech.length + Math.round((0.3 + random() * 2.7) * RATE);
    }
    log(`wake bench: generated minute ${minute + 1}/${minutes} (${background.kind})`);
  }
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, new Uint8Array(out.buffer));
  return out;
}
