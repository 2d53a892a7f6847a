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

/** Near misses and ordinary speech the decision rule was never tuned on. */
export const HELD_OUT_SENTENCES = [
  'hey jack, where did you park the car',
  'hey garfield, dinner is ready',
  'they carved this statue out of marble',
  'heavy jars fell off the truck',
  'a jar of ivy sat by the window',
  'hey jarred, nice to see you',
  'the service van is parked outside',
  'hey charlie, are you there',
  'the jurors reached a verdict',
  'carve the turkey after the guests arrive',
  'hey, davis, over here',
  'please open the window in the bedroom',
  'what is the population of brazil',
  'turn the volume down a little',
  'the library closes at nine on weekdays',
  'hey siri, what time is it',
  'harvard is in massachusetts',
  'the javelin landed far beyond the line',
  'call the plumber about the leaking pipe',
  'he said hey, and then he left',
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

/**
 * One benchmark set: the positives ("hey jarvis" in each voice × speed × background, after
 * `leadSeconds` of that background) and the negative stream's sentences and voices.
 */
export interface WakeCorpus {
  name: string;
  voices: string[];
  speeds: number[];
  backgrounds: Background[];
  leadSeconds: number;
  sentences: string[];
  seed: number;
}

/** What the decision rule was chosen on (the set the earlier figures came from). */
export const TUNING_CORPUS: WakeCorpus = {
  name: 'tuning',
  voices: BENCH_VOICES,
  speeds: BENCH_SPEEDS,
  backgrounds: BACKGROUNDS.slice(0, 4),
  leadSeconds: 2,
  sentences: NEGATIVE_SENTENCES,
  seed: 42,
};

/** Never looked at while choosing the rule: other voices, speeds, noise, sentences and seed. */
export const HELD_OUT_CORPUS: WakeCorpus = {
  name: 'held-out',
  voices: ['en-gb-x-gbclan', 'en-gb-x-gbcwmd', 'en-us-nyc', 'en-us+f2', 'en-gb+m5', 'en-us+f4'],
  speeds: [135, 165, 195],
  backgrounds: [
    { kind: 'silence', level: 0 },
    { kind: 'pinknoise', level: 0.15 },
    { kind: 'whitenoise', level: 0.04 },
  ],
  leadSeconds: 1.3,
  sentences: HELD_OUT_SENTENCES,
  seed: 7,
};

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * `minutes` of speech without the wake word: one background per minute, sentences in random voices,
 * speeds and loudness with 0.3–3 s gaps. Cached by length and seed.
 */
export async function mixedNegativeAudio(cacheDir: string, minutes: number, corpus: WakeCorpus, log: (line: string) => void = () => {}): Promise<Float32Array> {
  const { seed } = corpus;
  const file = join(cacheDir, `mixed-${corpus.name}-${minutes}min-seed${seed}.f32`);
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
      const voice: Voice = { voice: pick(corpus.voices, random), speed: pick(corpus.speeds, random) };
      const speech = await speakAs(pick(corpus.sentences, random), voice);
      if (at + speech.length > start + 60 * RATE) break;
      const gain = 0.4 + random() * 0.6;
      for (let i = 0; i < speech.length; i++) out[at + i] = (out[at + i] as number) + (speech[i] as number) * gain;
      at += speech.length + Math.round((0.3 + random() * 2.7) * RATE);
    }
    log(`wake bench: ${corpus.name} minute ${minute + 1}/${minutes} generated (${background.kind})`);
  }
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, new Uint8Array(out.buffer));
  return out;
}
