// The real openWakeWord models on real (espeak-ng) speech: the phrase is found in every voice and
// speed, at the time it was said, and nothing else sets it off.
import { beforeAll, describe, expect, it } from 'vitest';
import { WakeDetector, type WakeDetection } from '../../../../src/main/core/engines/wake/wake-detector';
import type { WakeModels } from '../../../../src/main/core/engines/wake/wake-onnx-models';
import { loadTestWakeModels } from '../../../support/wake-models';
import { placeInBackground, speakAs, type Voice } from '../../../support/wake-speech';

const VOICES = ['en-us', 'en-gb', 'en-us+f3', 'en-gb-scotland', 'en+m3', 'en-gb-x-rp+f2', 'en-us+klatt'];
const SPEEDS = [130, 160, 190];
const POSITIVES: Voice[] = VOICES.flatMap((voice) => SPEEDS.map((speed) => ({ voice, speed })));
/** Quiet room, then a noisy one (white noise at about -37 dBFS and -30 dBFS). */
const BACKGROUNDS = [0, 0.015, 0.03];

let models: WakeModels;

beforeAll(async () => {
  models = await loadTestWakeModels('hey_jarvis');
});

async function detect(audio: Float32Array, chunkSamples = audio.length): Promise<WakeDetection[]> {
  const detector = await WakeDetector.create(models);
  const found: WakeDetection[] = [];
  for (let at = 0; at < audio.length; at += chunkSamples) found.push(...(await detector.push(audio.slice(at, at + chunkSamples))));
  return found;
}

describe('hey_jarvis on espeak-ng speech', () => {
  it.each(POSITIVES.map((voice, i) => ({ ...voice, background: BACKGROUNDS[i % BACKGROUNDS.length] as number })))(
    'hears "hey jarvis" once, just after it ends ($voice at $speed wpm, noise $background)',
    async ({ voice, speed, background }) => {
      const phrase = placeInBackground(await speakAs('hey jarvis', { voice, speed }), 2, 2, background, speed);
      const found = await detect(phrase.audio);
      expect(found).toHaveLength(1);
      expect(found[0]?.wakeWord).toBe('hey_jarvis');
      // openWakeWord recognises the phrase over its last syllable: the detection lands from a little
      // before the phrase's end to about half a second after it (fast speech in noise is the slowest).
      expect(found[0]?.atMs).toBeGreaterThan(phrase.endMs - 250);
      expect(found[0]?.atMs).toBeLessThan(phrase.endMs + 600);
    },
  );

  it('finds each of two phrases in one stream at its own time', async () => {
    const first = placeInBackground(await speakAs('hey jarvis', { voice: 'en-us', speed: 160 }), 1, 3, 0.01, 3);
    const second = placeInBackground(await speakAs('hey jarvis', { voice: 'en-gb', speed: 150 }), 0, 2, 0.01, 4);
    const audio = new Float32Array(first.audio.length + second.audio.length);
    audio.set(first.audio);
    audio.set(second.audio, first.audio.length);
    const secondEndMs = (first.audio.length / 16) + second.endMs;
    const found = await detect(audio);
    expect(found.map((d) => Math.abs(d.atMs - first.endMs) < 450 || Math.abs(d.atMs - secondEndMs) < 450)).toEqual([true, true]);
    expect(found[1]!.atMs - found[0]!.atMs).toBeGreaterThan(2000);
  });

  it('reports the same detections whether the audio arrives at once or in 100 ms chunks', async () => {
    const phrase = placeInBackground(await speakAs('hey jarvis', { voice: 'en-us+f3', speed: 160 }), 1.3, 1.5, 0.01, 5);
    const whole = await detect(phrase.audio);
    const chunked = await detect(phrase.audio, 1600);
    expect(chunked).toEqual(whole);
    expect(whole).toHaveLength(1);
  });

  const NEGATIVES = [
    'hey travis',
    'hey marvin',
    'jarvis',
    'what is the capital of france',
    'set a timer for ten minutes',
    'hey there, how are you doing',
    'the jars of jam are on the shelf',
  ];
  it.each(NEGATIVES.flatMap((text) => ['en-us', 'en-gb-x-rp+f2', 'en-us+klatt'].map((voice) => ({ text, voice }))))(
    'stays quiet for "$text" ($voice)',
    async ({ text, voice }) => {
      const phrase = placeInBackground(await speakAs(text, { voice, speed: 160 }), 1.5, 1.5, 0.01, 9);
      expect(await detect(phrase.audio)).toEqual([]);
    },
  );

  it('stays quiet in noise alone', async () => {
    const phrase = placeInBackground(new Float32Array(0), 10, 0, 0.05, 11);
    expect(await detect(phrase.audio)).toEqual([]);
  });
});
