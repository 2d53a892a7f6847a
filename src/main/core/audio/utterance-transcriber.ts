// Speech-to-text for one held key. Audio arrives in chunks; VAD finds pauses as they happen and
// each finished speech segment is transcribed right away, so key-up leaves only the tail.
// Utterances under minVadSeconds skip VAD and are transcribed whole, so a segment that ends before
// the utterance is that long waits: transcribing it at once would be wasted work (and CPU taken
// from the rest of the turn) whenever the key goes up before minVadSeconds.
import type { Language, LanguageSetting } from '../../../shared/turn';
import { SampleBuffer } from './sample-buffer';
import type { SpeechSegment, SpeechToText, TranscribeOptions, VadStream, VoiceActivityDetector } from '../engines/types';
import { STT_SAMPLE_RATE } from '../engines/types';
import { fitSegments, joinTranscripts, planKeyUp, type QuietCut } from './key-up-plan';
import { type Logger, silentLogger } from '../platform/logger';

/** In auto mode, a segment this long fixes the language for the segments after it. */
const LANGUAGE_EVIDENCE_SECONDS = 1;

export interface UtteranceTranscriberOptions {
  stt: SpeechToText;
  vad: VoiceActivityDetector | null;
  decode: Omit<TranscribeOptions, 'signal'>;
  signal: AbortSignal;
  logger?: Logger;
  /** Shorter utterances skip VAD (default 2 s). */
  minVadSeconds?: number;
  /** Audio past this length is not kept (default 120 s). */
  maxSeconds?: number;
  /** Longest piece handed to Whisper at once (default 28 s; Whisper's window is 30 s). */
  maxSegmentSeconds?: number;
}

export interface UtteranceTranscript {
  text: string;
  /** Detected or requested language; null when nothing was transcribed. */
  language: Language | null;
  /** Seconds of audio received (after the cap). */
  seconds: number;
  /** Segments transcribed before key-up. */
  earlySegments: number;
  /** Seconds of audio dropped past the cap. */
  droppedSeconds: number;
  /** Encoder and decoder time summed over the passes kept, when the engine reports them. */
  timings: { encoderMs: number; decoderMs: number } | null;
}

export class UtteranceTranscriber {
  private readonly audio: SampleBuffer;
  private readonly logger: Logger;
  private readonly vadStream: VadStream | null;
  private vadChain: Promise<void> = Promise.resolve();
  private vadFailed = false;
  private sttChain: Promise<void> = Promise.resolve();
  private sttError: unknown = null;
  private readonly texts: string[] = [];
  private language: LanguageSetting;
  /** Seconds of transcribed speech per detected language: the utterance's language is the one with most. */
  private readonly heard = new Map<Language, number>();
  private earlySegments = 0;
  private timings: { encoderMs: number; decoderMs: number } | null = null;
  private finishing = false;
  /** Set at key-up for short clips: late VAD segments are not transcribed on their own. */
  private wholePass = false;
  /** VAD found speech somewhere in the clip. */
  private heardSpeech = false;
  /** Segments that ended while the utterance was still short enough to be transcribed whole. */
  private held: SpeechSegment[] = [];

  constructor(private readonly options: UtteranceTranscriberOptions) {
    this.logger = options.logger ?? silentLogger;
    this.audio = new SampleBuffer((options.maxSeconds ?? 120) * STT_SAMPLE_RATE);
    this.language = options.decode.language;
    this.vadStream = options.vad ? options.vad.createStream() : null;
  }

  get seconds(): number {
    return this.audio.size / STT_SAMPLE_RATE;
  }

  push(samples: Float32Array): void {
    if (this.finishing) return;
    const accepted = this.audio.append(samples);
    const stream = this.vadStream;
    if (!stream || accepted.length === 0 || this.vadFailed) return;
    const copy = accepted.slice();
    this.vadChain = this.vadChain
      .then(() => stream.push(copy))
      .then((ended) => {
        if (ended.length > 0) this.heardSpeech = true;
        if (this.wholePass) return; // the whole clip is transcribed in one pass instead
        this.held.push(...ended);
        if (this.plan().kind === 'segments') this.releaseHeld();
      })
      .catch((error: unknown) => this.onVadError(error));
  }

  async finish(): Promise<UtteranceTranscript> {
    this.finishing = true;
    const plan = this.plan();
    const stream = this.vadStream;
    if (plan.kind === 'segments' && stream) {
      await this.vadChain;
      if (!this.vadFailed) {
        this.releaseHeld();
        // Segments that ended while the key was held are done or under way: only the tail is left.
        for (const segment of await this.closeVad(stream)) this.schedule(segment);
        return this.result();
      }
    }
    // Short audio (or no working VAD): one pass over the whole clip, segment results dropped.
    this.wholePass = true;
    if (stream && !this.vadFailed) {
      await this.vadChain;
      const tail = await this.closeVad(stream);
      // VAD ran over the clip anyway: when it heard no speech at all (a tap of the key, a cough),
      // there is nothing to transcribe — Whisper would make words up from silence.
      if (!this.vadFailed && !this.heardSpeech && tail.length === 0) {
        await this.sttChain;
        this.forgetSegments();
        return this.result();
      }
    }
    await this.sttChain;
    this.forgetSegments();
    this.schedule({ start: 0, end: this.audio.size });
    return this.result();
  }

  /**
   * Drops what segments transcribed while the key was held, the language they detected included:
   * the whole clip is decoded afresh (in auto mode, a 0.3 s "Sim." must not decide the language).
   */
  private forgetSegments(): void {
    this.held = [];
    this.texts.length = 0;
    this.sttError = null;
    this.earlySegments = 0;
    this.timings = null;
    this.heard.clear();
    this.language = this.options.decode.language;
  }

  private plan() {
    return planKeyUp({ totalSamples: this.audio.size, sampleRate: STT_SAMPLE_RATE, minVadSeconds: this.options.minVadSeconds ?? 2 });
  }

  /** The utterance is long enough to be transcribed in segments: the ones held back go now, in order. */
  private releaseHeld(): void {
    const segments = this.held;
    this.held = [];
    for (const segment of segments) {
      this.earlySegments += 1;
      this.schedule(segment);
    }
  }

  private async closeVad(stream: VadStream): Promise<SpeechSegment[]> {
    return stream.finish().catch((error: unknown) => {
      this.onVadError(error);
      return [] as SpeechSegment[];
    });
  }

  private async result(): Promise<UtteranceTranscript> {
    await this.sttChain;
    if (this.sttError) throw this.sttError;
    return {
      text: joinTranscripts(this.texts),
      language: this.detectedLanguage(),
      seconds: this.seconds,
      earlySegments: this.earlySegments,
      droppedSeconds: this.audio.dropped / STT_SAMPLE_RATE,
      timings: this.timings,
    };
  }

  /** Cuts in a too-long stretch of speech go in its quietest 20 ms within the last 3 s before the limit. */
  private readonly quietCut: QuietCut = {
    energy: (start, end) => {
      const part = this.audio.slice(start, end);
      let sum = 0;
      for (const x of part) sum += x * x;
      return part.length === 0 ? 0 : sum / part.length;
    },
    frame: STT_SAMPLE_RATE / 50,
    search: 3 * STT_SAMPLE_RATE,
  };

  private maxSegmentSamples(): number {
    return (this.options.maxSegmentSeconds ?? 28) * STT_SAMPLE_RATE;
  }

  private schedule(segment: SpeechSegment): void {
    for (const piece of fitSegments([segment], this.maxSegmentSamples(), this.quietCut)) {
      this.sttChain = this.sttChain.then(() => this.transcribe(piece));
    }
  }

  private async transcribe(piece: SpeechSegment): Promise<void> {
    if (this.sttError || this.options.signal.aborted) return;
    const audio = this.audio.slice(piece.start, piece.end);
    if (audio.length < STT_SAMPLE_RATE / 10) return; // under 100 ms: nothing to say
    try {
      const result = await this.options.stt.transcribe(audio, {
        ...this.options.decode,
        language: this.language,
        signal: this.options.signal,
      });
      this.texts.push(result.text);
      if (result.timings) {
        const sum = this.timings ?? { encoderMs: 0, decoderMs: 0 };
        this.timings = { encoderMs: sum.encoderMs + result.timings.encoderMs, decoderMs: sum.decoderMs + result.timings.decoderMs };
      }
      if (result.text.trim() !== '') {
        const seconds = audio.length / STT_SAMPLE_RATE;
        this.heard.set(result.language, (this.heard.get(result.language) ?? 0) + seconds);
        // The first segment long enough to tell ("Ok." is not) decides the language of the rest.
        if (this.language === 'auto' && seconds >= LANGUAGE_EVIDENCE_SECONDS) this.language = result.language;
      }
    } catch (error) {
      this.sttError = error;
    }
  }

  private detectedLanguage(): Language | null {
    let best: Language | null = null;
    for (const [language, seconds] of this.heard) if (best === null || seconds > (this.heard.get(best) ?? 0)) best = language;
    return best;
  }

  private onVadError(error: unknown): void {
    if (!this.vadFailed) this.logger.warn('VAD failed; transcribing the whole utterance instead', { error: String(error) });
    this.vadFailed = true;
  }
}
