// Text-to-speech for one turn's reply: sentences are spoken in order, one after another, while the
// LLM keeps writing. The TTS cache is asked first; fresh audio is streamed out as it is made.
import type { ErrorInfo } from '../../../shared/errors';
import { isAbortError, toErrorInfo } from '../../../shared/errors';
import type { Language } from '../../../shared/turn';
import type { TextToSpeech } from '../engines/types';
import { type Logger, silentLogger } from '../platform/logger';
import type { TtsCache } from '../store/types';

export interface SpeechOutputOptions {
  tts: TextToSpeech;
  cache: TtsCache | null;
  language: Language;
  speed: number;
  signal: AbortSignal;
  onAudio: (sentence: number, samples: Float32Array, sampleRate: number, fromCache: boolean) => void;
  /** Called once, with the first failure; later sentences are then skipped. */
  onError: (error: ErrorInfo) => void;
  logger?: Logger;
}

export class SpeechOutput {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  private readonly logger: Logger;
  private readonly voiceId: string;
  private readonly pendingWrites: Array<Parameters<TtsCache['put']>> = [];
  /** Sentences taken from the TTS cache. */
  cacheHits = 0;
  /** Sentences synthesised now. */
  synthesized = 0;

  constructor(private readonly options: SpeechOutputOptions) {
    this.logger = options.logger ?? silentLogger;
    this.voiceId = options.tts.voiceId(options.language);
  }

  say(index: number, text: string): void {
    this.chain = this.chain.then(() => this.speak(index, text));
  }

  /** Resolves when every sentence queued so far has been spoken (or skipped). */
  drained(): Promise<void> {
    return this.chain;
  }

  private async speak(index: number, text: string): Promise<void> {
    const { tts, language, speed, signal } = this.options;
    if (this.failed || signal.aborted) return;
    const key = { text, voiceId: this.voiceId, speed };
    const cached = this.cacheGet(key);
    if (cached) {
      this.cacheHits += 1;
      this.options.onAudio(index, cached.samples, cached.sampleRate, true);
      return;
    }
    try {
      const audio = await tts.synthesize(text, {
        language,
        speed,
        signal,
        onChunk: (samples, sampleRate) => {
          if (!signal.aborted) this.options.onAudio(index, samples, sampleRate, false);
        },
      });
      this.synthesized += 1;
      if (!signal.aborted && audio.samples.length > 0) this.pendingWrites.push([key, audio]);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.failed = true;
      this.options.onError(toErrorInfo(error));
    }
  }

  private cacheGet(key: Parameters<TtsCache['get']>[0]) {
    try {
      return this.options.cache?.get(key) ?? null;
    } catch (error) {
      this.logger.warn('TTS cache read failed; synthesising instead', { error: String(error) });
      return null;
    }
  }

  /** Writes the audio made this turn to the TTS cache; called after the turn, off the hot path. */
  flushCache(): void {
    const cache = this.options.cache;
    for (const [key, audio] of this.pendingWrites.splice(0)) {
      try {
        cache?.put(key, audio);
      } catch (error) {
        this.logger.warn('TTS cache write failed', { error: String(error) });
        return;
      }
    }
  }
}
