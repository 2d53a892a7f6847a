// The real Whisper code on the whisper-base-sized stand-in, with the transcript swapped for the
// question being asked. The stand-in decodes a fixed sentence of realistic length (every token a
// real decoder step); the benchmark needs each question's own words, so the response cache and the
// fake Ollama see distinct questions. Only the text changes: the time, the token count and the
// encoder/decoder split are the real engine's. Encoder and decoder times come from the result's
// `timings` when the engine reports them, else from the engine's "whisper transcribed" log line.
import type { Logger } from '../src/main/core/platform/logger';
import type { SpeechToText, TranscribeOptions, Transcription } from '../src/main/core/engines/types';

export interface SttCall {
  start: number;
  end: number;
  audioSeconds: number;
  encoderMs: number | null;
  decoderMs: number | null;
  tokens: number;
}

/** A logger that keeps the encoder/decoder split of each transcription (and drops the rest). */
export class WhisperTimingLog implements Logger {
  private last: { encoderMs: number; decoderMs: number } | null = null;

  take(): { encoderMs: number; decoderMs: number } | null {
    const found = this.last;
    this.last = null;
    return found;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    if (message === 'whisper transcribed' && typeof fields?.encoderMs === 'number' && typeof fields.decoderMs === 'number') {
      this.last = { encoderMs: fields.encoderMs, decoderMs: fields.decoderMs };
    }
  }

  info(): void {}
  warn(): void {}
  error(): void {}
}

export class ScriptedTranscript implements SpeechToText {
  readonly calls: SttCall[] = [];

  constructor(
    private readonly inner: SpeechToText,
    private readonly log: WhisperTimingLog,
    private readonly heard: (audio: Float32Array) => string,
    /** What the stand-in decodes: anything else means the engine or the stand-in broke. */
    private readonly script?: string,
    /**
     * Decoder steps a real Whisper spends on this clip. The stand-in decodes its whole script from
     * any audio; a real decoder writes about as many tokens as the clip holds words, then one step
     * chooses end-of-text. With this, a clip is capped at its share of the script (the text then
     * being the script's start).
     */
    private readonly stepsFor?: (audio: Float32Array) => number,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  warm(): Promise<void> {
    return this.inner.warm();
  }

  async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
    const start = performance.now();
    this.log.take();
    const steps = this.stepsFor?.(audio);
    const result = await this.inner.transcribe(audio, steps === undefined ? options : { ...options, maxTokens: Math.min(options.maxTokens, steps) });
    const expected = steps === undefined ? result.text === this.script : result.text !== '' && this.script?.startsWith(result.text);
    if (this.script !== undefined && !expected) {
      throw new Error(`The Whisper stand-in decoded "${result.text}" instead of its script "${this.script}".`);
    }
    const reported = (result as Transcription & { timings?: { encoderMs: number; decoderMs: number } }).timings ?? this.log.take();
    this.calls.push({
      start,
      end: performance.now(),
      audioSeconds: audio.length / 16_000,
      encoderMs: reported?.encoderMs ?? null,
      decoderMs: reported?.decoderMs ?? null,
      tokens: result.tokenCount,
    });
    return { ...result, text: this.heard(audio) };
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
