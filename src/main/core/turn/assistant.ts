// The Assistant: the one object every front door (Electron, browser host, CLI) drives. It wires
// the stages of a turn — speech-to-text, memory, response cache, LLM, sentence splitting, speech —
// and owns nothing but that wiring; every decision lives in a pure function or a stage beside it.
import { randomUUID } from 'node:crypto';
import { abortError, type ErrorInfo, EarshotError, toErrorInfo } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { TurnEvent, TurnResult } from '../../../shared/turn';
import { ActiveTurn, type TurnOptions, type TurnOutcome } from './active-turn';
import { type Clock, systemClock } from '../platform/clock';
import { guessLanguage } from '../prompt/language-guess';
import { type Logger, silentLogger } from '../platform/logger';
import { runReply } from './reply-runner';
import { SpeechOutput } from '../speech/speech-output';
import type { MemoryPreparation } from '../store/types';
import { TurnBookkeeping } from './turn-bookkeeping';
import { UtteranceTranscriber } from '../audio/utterance-transcriber';
import { PrefixWarmer } from './prefix-warmer';
import type { AssistantDeps } from './assistant-deps';


type TurnEventBody = TurnEvent extends infer E ? (E extends unknown ? Omit<E, 'turnId'> : never) : never;

export class Assistant {
  private current: ActiveTurn | null = null;
  private lastFinished: ActiveTurn | null = null;
  private readonly listeners = new Set<(event: TurnEvent) => void>();
  private readonly afterWork = new Set<Promise<void>>();
  /** Aborted by dispose(): background work started by turns (the model warm-up) stops with it. */
  private readonly closing = new AbortController();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly bookkeeping: TurnBookkeeping;
  private readonly prefix: PrefixWarmer;

  constructor(private readonly deps: AssistantDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.bookkeeping = new TurnBookkeeping(deps.stores ?? {}, this.clock, this.logger, deps.notify);
    this.prefix = new PrefixWarmer({
      llm: () => deps.engines.llm(),
      history: deps.stores?.history ?? null,
      buildPrompt: deps.buildPrompt,
      settings: deps.settings,
      contextTokens: deps.contextTokens ?? 2048,
      historyTurns: deps.historyTurns ?? 12,
      standingMemories: () => deps.stores?.memory?.standing?.() ?? [],
      closing: this.closing.signal,
      isBusy: () => this.current !== null,
      logger: this.logger,
      schedule: deps.schedule,
    });
  }

  /**
   * At launch: load the chat model and prefill the conversation's prompt prefix in the background,
   * so the first turn after a launch prefills only its own tail, as later ones do.
   */
  warmAtLaunch(): void {
    if (!this.prefix.warmNow()) this.warmModel(this.deps.settings());
  }

  private warmModel(settings: Settings): void {
    void this.deps.engines.llm().warm(settings.llm.model, settings.llm.keepAlive, this.deps.contextTokens ?? 2048, this.closing.signal);
  }

  /**
   * Something other than a turn's chat ran on the chat model (fact extraction, a summary): Ollama's
   * cached prompt prefix is gone, so it is prefilled again in the next quiet moment.
   */
  chatModelUsedInBackground(): void {
    this.prefix.evicted();
  }

  onEvent(listener: (event: TurnEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The turn now listening or answering, if any. */
  get activeTurnId(): string | null {
    return this.current?.id ?? null;
  }

  /** Key down: barge in on any turn in flight, warm the models, start listening and preparing memory. */
  beginTurn(options: TurnOptions = {}): string {
    const settings = this.deps.settings();
    const turn = this.startTurn('voice', options);
    turn.marks.mark('keyDown');
    const { engines } = this.deps;
    const stt = engines.stt();
    const vad = engines.vad();
    void stt.warm(settings.stt.beamSize).catch(() => undefined); // a load failure surfaces at transcription
    void vad?.warm().catch(() => undefined);
    // Memory first: preparing it stops any background extraction that holds the model.
    turn.memory = this.prepareMemory(turn, settings);
    // While the user speaks: after key-up only this turn's memories and question are left to prefill.
    // The prefill loads the model too; a separate load request would only queue ahead of it.
    if (!this.prefix.warmNow()) this.warmModel(settings);
    this.warmVoice(turn);
    turn.transcriber = new UtteranceTranscriber({
      stt,
      vad,
      decode: { language: settings.language, beamSize: settings.stt.beamSize, maxTokens: settings.stt.maxTokens },
      signal: turn.signal,
      logger: this.logger,
    });
    this.emit(turn, { type: 'state', state: 'listening' });
    return turn.id;
  }

  /** A chunk of 16 kHz mono audio for the listening turn. False when that turn is no longer listening. */
  pushAudio(turnId: string, samples: Float32Array): boolean {
    if (!(samples instanceof Float32Array)) throw new EarshotError('invalid_input', 'Audio must be 16 kHz mono Float32 samples.');
    const turn = this.current;
    if (!turn || turn.id !== turnId || !turn.transcriber || turn.marks.has('keyUp')) return false;
    turn.transcriber.push(samples);
    return true;
  }

  /**
   * Key up: finish speech-to-text (only the tail is left) and answer. silentIfEmpty: the caller's
   * voice detector heard no speech, so if speech-to-text hears nothing either the turn is no turn:
   * it ends as cancelled, with nothing said aloud, shown or recorded.
   */
  endTurn(turnId: string, options: { silentIfEmpty?: boolean } = {}): Promise<TurnResult> {
    const turn = this.current;
    if (!turn || turn.id !== turnId || !turn.transcriber) {
      return Promise.reject(new EarshotError('invalid_input', 'That turn is not listening any more — press the key again to talk.'));
    }
    if (turn.marks.has('keyUp')) return turn.result;
    turn.marks.mark('keyUp');
    const transcriber = turn.transcriber;
    this.emit(turn, { type: 'state', state: 'transcribing' });
    this.run(turn, async () => {
      const heard = await transcriber.finish();
      if (turn.signal.aborted) throw abortError();
      turn.marks.mark('sttDone');
      if (heard.text === '' && options.silentIfEmpty) throw abortError();
      turn.sttTimings = heard.timings;
      if (heard.text === '') {
        throw new EarshotError(
          'audio_empty',
          heard.seconds < 0.3
            ? 'I did not hear anything — hold the key (or the Talk button) while you speak.'
            : 'I could not make out any words — check the microphone and try again.',
          { params: { variant: heard.seconds < 0.3 ? 'silent' : 'noWords' } },
        );
      }
      if (heard.droppedSeconds > 0) {
        const kept = Math.round(heard.seconds);
        this.emit(turn, { type: 'error', error: { code: 'audio_too_long', params: { seconds: kept }, message: `Only the first ${kept} s of speech were used — keep each question shorter than that.` } });
      }
      turn.transcript = heard.text;
      turn.language = heard.language ?? guessLanguage(heard.text, this.deps.settings().language);
      this.emit(turn, { type: 'transcript', text: heard.text, final: true });
      return this.reply(turn);
    });
    return turn.result;
  }

  /** A typed question: the same turn without speech-to-text. */
  askText(text: string, options: TurnOptions = {}): { turnId: string; result: Promise<TurnResult> } {
    const question = typeof text === 'string' ? text.trim() : '';
    if (question === '') throw new EarshotError('invalid_input', 'Type a question first.');
    const settings = this.deps.settings();
    const turn = this.startTurn('text', options);
    this.prefix.turnStarting();
    turn.transcript = question;
    turn.language = guessLanguage(question, settings.language);
    turn.memory = this.prepareMemory(turn, settings);
    this.warmVoice(turn);
    this.emit(turn, { type: 'transcript', text: question, final: true });
    this.run(turn, () => this.reply(turn));
    return { turnId: turn.id, result: turn.result };
  }

  /** Barge-in / stop: aborts LLM and TTS and stops output at once. */
  cancel(turnId?: string): boolean {
    const turn = this.current;
    if (!turn || (turnId !== undefined && turn.id !== turnId)) return false;
    turn.controller.abort();
    this.finish(turn, { reply: turn.partialReply, complete: false, cache: 'off', error: { code: 'cancelled', params: { variant: 'stopped' }, message: 'Stopped.' } });
    return true;
  }

  /** The renderer started playing the turn's first audio. */
  reportPlayback(turnId: string): void {
    const turn = [this.current, this.lastFinished].find((t) => t?.id === turnId);
    if (!turn || turn.marks.has('firstAudioPlayed')) return;
    turn.marks.mark('firstAudioPlayed');
    if (turn.finished) this.bookkeeping.recordMetrics(turn);
  }

  /** Waits for after-turn work (history, caches, metrics) to be written. */
  async idle(): Promise<void> {
    while (this.afterWork.size > 0) await Promise.all([...this.afterWork]);
  }

  async dispose(): Promise<void> {
    this.closing.abort(); // background work (the model warm-up) must not outlive the Assistant
    this.cancel();
    await this.idle();
    this.listeners.clear();
  }

  private startTurn(kind: 'voice' | 'text', options: TurnOptions): ActiveTurn {
    const id = options.id ?? this.deps.newId?.() ?? randomUUID();
    // A reused id would mix two turns' events and marks on the caller's side.
    if (id === this.current?.id || id === this.lastFinished?.id) throw new EarshotError('invalid_input', 'That turn id is already in use — start a new turn.');
    if (this.current) this.cancel(this.current.id);
    const settings = this.deps.settings();
    const turn = new ActiveTurn(
      id,
      kind,
      { speech: options.speech ?? settings.tts.enabled, cache: options.cache ?? true },
      this.clock,
    );
    // Until speech-to-text says otherwise, the conversation's language: an error before a transcript
    // ("I didn't hear anything") is spoken in it, and its voice is the one worth loading now.
    turn.language = settings.language !== 'auto' ? settings.language : (this.lastFinished?.language ?? turn.language);
    this.current = turn;
    return turn;
  }

  /** Loads the voice the reply will most likely use (this turn's language, else the last turn's). */
  private warmVoice(turn: ActiveTurn): void {
    if (!turn.options.speech) return;
    void this.deps.engines.tts()?.warm(turn.language).catch(() => undefined);
  }

  private prepareMemory(turn: ActiveTurn, settings: Settings): MemoryPreparation | null {
    if (!settings.memory.enabled || !this.deps.stores?.memory) return null;
    try {
      const preparation = this.deps.stores.memory.prepare();
      preparation.ready.then(
        () => turn.marks.mark('memoryReady'),
        () => undefined,
      );
      return preparation;
    } catch (error) {
      this.logger.warn('memory preparation failed to start', { error: String(error) });
      return null;
    }
  }

  private async reply(turn: ActiveTurn): Promise<TurnOutcome> {
    this.emit(turn, { type: 'state', state: 'thinking' });
    const settings = this.deps.settings();
    const stores = this.deps.stores ?? {};
    const memory = turn.memory;
    return runReply(
      {
        question: turn.transcript,
        language: turn.language,
        settings,
        speech: turn.options.speech,
        useCache: turn.options.cache,
        memories: memory ? memory.finish(turn.transcript, turn.signal) : Promise.resolve({ texts: [], relevant: [] }),
        documents: stores.documents?.recall(turn.transcript, turn.signal),
        marks: turn.marks,
        signal: turn.signal,
        emit: (event) => this.emit(turn, event),
      },
      {
        llm: this.deps.engines.llm(),
        tts: turn.options.speech ? this.deps.engines.tts() : null,
        ttsCache: stores.ttsCache ?? null,
        responseCache: stores.responseCache ?? null,
        history: stores.history ?? null,
        buildPrompt: this.deps.buildPrompt,
        contextTokens: this.deps.contextTokens ?? 2048,
        historyTurns: this.deps.historyTurns ?? 12,
        logger: this.logger,
        beforeChat: () => this.prefix.chatSent(),
      },
    );
  }

  private run(turn: ActiveTurn, body: () => Promise<TurnOutcome>): void {
    body()
      .catch((error: unknown): TurnOutcome => ({ reply: turn.partialReply, complete: false, cache: 'off', error: toErrorInfo(error) }))
      .then(async (outcome) => {
        if (outcome.error && outcome.error.code !== 'cancelled' && !turn.finished) await this.speakError(turn, outcome.error);
        this.finish(turn, outcome);
      })
      .catch((error: unknown) => this.logger.error('turn failed to finish', { error: String(error) }));
  }

  /** Shows the error at once, then says it aloud (from the warmed TTS cache) when the turn speaks. */
  private async speakError(turn: ActiveTurn, error: ErrorInfo): Promise<void> {
    this.emit(turn, { type: 'error', error });
    const text = turn.options.speech && !error.code.startsWith('tts_') ? (this.deps.spokenError?.(error.code, turn.language) ?? null) : null;
    const tts = text ? this.deps.engines.tts() : null;
    if (!text || !tts) return;
    const settings = this.deps.settings();
    const speech = new SpeechOutput({
      tts,
      cache: settings.cache.enabled ? (this.deps.stores?.ttsCache ?? null) : null,
      language: turn.language,
      speed: settings.tts.speed,
      signal: turn.signal,
      logger: this.logger,
      onAudio: (sentence, samples, sampleRate) => this.emit(turn, { type: 'audio', sentence, seq: 0, sampleRate, samples }),
      onError: () => undefined,
    });
    speech.say(0, text);
    await speech.drained();
  }

  private finish(turn: ActiveTurn, outcome: TurnOutcome): void {
    if (turn.finished) return;
    if (outcome.error && outcome.error.code !== 'cancelled') this.emit(turn, { type: 'error', error: outcome.error });
    const result = turn.settle(outcome);
    this.emitRaw({ type: 'done', turnId: turn.id, result });
    this.emitRaw({ type: 'state', turnId: turn.id, state: 'idle' });
    if (this.current === turn) this.current = null;
    this.lastFinished = turn;
    const record = this.bookkeeping.saveTurn(turn, result);
    this.prefix.turnFinished();
    const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.bookkeeping.afterTurn(turn, result, record));
    this.afterWork.add(work);
    void work.finally(() => this.afterWork.delete(work));
  }

  private emit(turn: ActiveTurn, event: TurnEventBody): void {
    if (turn.finished) return;
    if (event.type === 'audio') {
      const seq = turn.nextAudioSeq();
      if (seq === 0) this.emitRaw({ type: 'state', turnId: turn.id, state: 'speaking' });
      this.emitRaw({ ...event, seq, turnId: turn.id });
      return;
    }
    if (event.type === 'token') turn.partialReply += event.text;
    if (event.type === 'error') {
      const key = `${event.error.code}:${event.error.message}`;
      if (turn.reportedErrors.has(key)) return;
      turn.reportedErrors.add(key);
    }
    this.emitRaw({ ...event, turnId: turn.id } as TurnEvent);
  }

  private emitRaw(event: TurnEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('turn event listener failed', { error: String(error) });
      }
    }
  }
}
