// Engine wrappers that record when each call ran (performance.now()), so the benchmark can tell the
// engines' own time from the time Earshot spends between them. They change nothing else.
import type { SpeechToText, SynthesizedAudio, SynthesizeOptions, TextToSpeech, TranscribeOptions, Transcription } from '../src/main/core/engines/types';
import type { Language } from '../src/shared/turn';

export interface Span {
  start: number;
  end: number;
}

export interface SynthesisSpan extends Span {
  text: string;
  /** When the first audio of this call came out, or null if none did. */
  firstChunk: number | null;
}

export class TimedStt implements SpeechToText {
  readonly spans: Span[] = [];

  constructor(private readonly inner: SpeechToText) {}

  get id(): string {
    return this.inner.id;
  }

  warm(): Promise<void> {
    return this.inner.warm();
  }

  async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
    const start = performance.now();
    try {
      return await this.inner.transcribe(audio, options);
    } finally {
      this.spans.push({ start, end: performance.now() });
    }
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

export class TimedTts implements TextToSpeech {
  readonly spans: SynthesisSpan[] = [];

  constructor(private readonly inner: TextToSpeech) {}

  voiceId(language: Language): string {
    return this.inner.voiceId(language);
  }

  warm(language: Language): Promise<void> {
    return this.inner.warm(language);
  }

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedAudio> {
    const span: SynthesisSpan = { text, start: performance.now(), end: Number.NaN, firstChunk: null };
    this.spans.push(span);
    try {
      return await this.inner.synthesize(text, {
        ...options,
        onChunk: (samples, sampleRate) => {
          span.firstChunk ??= performance.now();
          options.onChunk?.(samples, sampleRate);
        },
      });
    } finally {
      span.end = performance.now();
    }
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
