// Text-to-speech as sherpa-onnx behaves on a laptop, for the benchmark: generation runs off the main
// thread (generateAsync), takes realTimeFactor × the audio's duration, and hands each sentence's
// audio over in one piece when the sentence is done. The audio is a tone built with native copies,
// so making it costs the main thread what copying sherpa's buffer would — unlike ScriptedTts, whose
// per-sample Math.sin would be charged to Earshot's event loop.
import { setTimeout as delay } from 'node:timers/promises';
import type { SynthesizedAudio, SynthesizeOptions, TextToSpeech } from '../src/main/core/engines/types';
import type { Language } from '../src/shared/turn';

export interface ProfileTtsOptions {
  realTimeFactor: number;
  secondsPerChar: number;
  sampleRate: number;
}

/** A 220 Hz tone of `length` samples, tiled from one period with copyWithin. */
export function toneOf(length: number, sampleRate: number): Float32Array {
  const out = new Float32Array(length);
  const period = Math.min(length, Math.max(1, Math.round(sampleRate / 220)));
  for (let i = 0; i < period; i++) out[i] = 0.3 * Math.sin((2 * Math.PI * i) / period);
  for (let filled = period; filled < length; filled *= 2) out.copyWithin(filled, 0, Math.min(filled, length - filled));
  return out;
}

export class ProfileTts implements TextToSpeech {
  constructor(private readonly options: ProfileTtsOptions) {}

  voiceId(language: Language): string {
    return `profile-${language}@1`;
  }

  async warm(): Promise<void> {}

  /** Seconds of audio for a text. */
  audioSeconds(text: string, speed: number): number {
    return (text.length * this.options.secondsPerChar) / speed;
  }

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedAudio> {
    const seconds = this.audioSeconds(text, options.speed);
    await delay(seconds * this.options.realTimeFactor * 1000, undefined, { signal: options.signal });
    const samples = toneOf(Math.max(1, Math.round(seconds * this.options.sampleRate)), this.options.sampleRate);
    options.onChunk?.(samples.slice(), this.options.sampleRate);
    return { sampleRate: this.options.sampleRate, samples };
  }

  async dispose(): Promise<void> {}
}
