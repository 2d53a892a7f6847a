// One turn in flight: its id, marks, cancellation and the promise its caller waits on.
import type { ErrorInfo } from '../../../shared/errors';
import type { CacheOutcome, DocumentSource, Language, TurnResult } from '../../../shared/turn';
import type { Clock } from '../platform/clock';
import type { ChatStats } from '../engines/types';
import type { SpeechOutput } from '../speech/speech-output';
import type { MemoryPreparation, ResponseQuery } from '../store/types';
import { TurnMarkRecorder } from '../metrics/turn-marks';
import type { UtteranceTranscriber } from '../audio/utterance-transcriber';

export interface TurnOptions {
  /** Speak the reply (default true). */
  speech?: boolean;
  /** Use the response cache (default true; the cache setting still applies). */
  cache?: boolean;
  /** The id the caller chose for this turn (default: a new random one). */
  id?: string;
}

export interface TurnOutcome {
  reply: string;
  complete: boolean;
  cache: CacheOutcome;
  error: ErrorInfo | null;
  query?: ResponseQuery;
  speech?: SpeechOutput | null;
  /** Ollama's counts for the turn's chat (prompt_eval_count: the tokens it had to prefill). */
  stats?: ChatStats | null;
  sources?: DocumentSource[];
}

export class ActiveTurn {
  readonly marks: TurnMarkRecorder;
  readonly controller = new AbortController();
  readonly result: Promise<TurnResult>;
  finished = false;
  transcript = '';
  /** The reply as streamed so far; kept when the turn is cut short. */
  partialReply = '';
  language: Language = 'en';
  transcriber: UtteranceTranscriber | null = null;
  memory: MemoryPreparation | null = null;
  outcome: TurnOutcome | null = null;
  /** Whisper's encoder and decoder time for this turn's speech, when the engine reports them. */
  sttTimings: { encoderMs: number; decoderMs: number } | null = null;
  /** Errors already shown for this turn, so none is reported twice. */
  readonly reportedErrors = new Set<string>();
  private audioSeq = 0;
  private resolve!: (result: TurnResult) => void;

  constructor(
    readonly id: string,
    readonly kind: 'voice' | 'text',
    readonly options: Required<Omit<TurnOptions, 'id'>>,
    clock: Clock,
  ) {
    this.marks = new TurnMarkRecorder(clock);
    this.result = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  nextAudioSeq(): number {
    return this.audioSeq++;
  }

  settle(outcome: TurnOutcome): TurnResult {
    this.finished = true;
    this.outcome = outcome;
    this.marks.mark('turnDone');
    const result: TurnResult = {
      transcript: this.transcript,
      reply: outcome.reply,
      language: this.language,
      complete: outcome.complete,
      cache: { response: outcome.cache },
      marks: this.marks.snapshot(),
      error: outcome.error,
      ...(outcome.sources ? { sources: outcome.sources } : {}),
    };
    this.resolve(result);
    return result;
  }
}
