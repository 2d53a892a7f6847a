// Hands-free listening: the always-open microphone's audio goes to the wake-word listener and to
// one VAD; their events, placed on the stream's time, step the talk state machine, and its effects
// become the Assistant's ordinary beginTurn / pushAudio / endTurn / cancel calls — a hands-free
// turn is a push-to-talk turn whose key is the wake word (or, in a conversation, the first word
// spoken) and whose key-up is the end of speech.
import type { TurnResult } from '../../../shared/turn';
import { IDLE_TALK, type TalkConfig, type TalkEffect, type TalkEvent, type TalkState, talkStep } from '../../../shared/talk-machine';
import type { VadStream, VoiceActivityDetector } from '../engines/types';
import type { WakeDetection } from '../engines/wake/wake-detector';
import { type Logger, silentLogger } from '../platform/logger';
import { isOwnVoice, PlayedLevels, recentPlayed, TALK_OVER_FACTOR } from './echo-suppression';
import type { Assistant } from './assistant';
import type { TurnOptions } from './active-turn';

const RATE = 16_000;
/** Audio kept so a turn can start from the wake word's end, which is detected a few hops late. */
const KEEP_SECONDS = 4;
/** A turn begun by speech takes the audio from a little before the VAD's first speech window. */
const SPEECH_LEAD_MS = 100;

/** What the window and the tray show; 'capturing' is also the window's cue to silence a reply. */
export type HandsFreeKind = 'waiting' | 'capturing' | 'answering' | 'follow-up';

const KIND: Record<TalkState['phase'], HandsFreeKind> = { idle: 'waiting', listening: 'capturing', answering: 'answering', followUp: 'follow-up' };

export interface WakeListener {
  push(samples: Float32Array): Promise<WakeDetection[]>;
}

export interface HandsFreeDeps {
  assistant: Pick<Assistant, 'beginTurn' | 'pushAudio' | 'endTurn' | 'cancel'>;
  wake: WakeListener;
  /** A second detector for the audio Earshot plays, so its own voice never wakes it. */
  ownVoice?: WakeListener & { readonly elapsedMs: number };
  vad: VoiceActivityDetector;
  config: TalkConfig;
  turnOptions?: TurnOptions;
  /** The wake word was heard: play the "listening" cue. */
  onCue?: () => void;
  /** Every change of hands-free state, with the turn it is about, for the tray and the window. */
  onState?: (state: HandsFreeKind, turnId: string | null) => void;
  /** Every finished hands-free turn. */
  onTurn?: (result: TurnResult) => void;
  logger?: Logger;
}

type Heard = { atMs: number; event: 'wake' } | { atMs: number; event: 'start' } | { atMs: number; event: 'end'; startMs: number };

export class HandsFreeController {
  private talk: TalkState = IDLE_TALK;
  private readonly vadStream: VadStream;
  private readonly recent = new Float32Array(KEEP_SECONDS * RATE);
  private received = 0;
  /** The machine's turn ids (ours) → the Assistant's. */
  private readonly turns = new Map<string, string>();
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly replies = new Set<Promise<void>>();
  private readonly logger: Logger;
  /** Stream times at which Earshot's own playback said the wake word. */
  private playedWakeAtMs: number[] = [];
  private readonly playedLevels = new PlayedLevels();
  private ownVoiceQueue: Promise<unknown> = Promise.resolve();
  private speechStarts: number[] = [];
  /** The VAD's open segment began as Earshot's own voice. */
  private echoOnly = false;
  /** How loud the echo has been at the microphone for what was playing (RMS ratio). */
  private echoCoupling = 0;

  constructor(private readonly deps: HandsFreeDeps) {
    this.vadStream = deps.vad.createStream({ onSpeechStart: (sample) => this.speechStarts.push(sample) });
    this.logger = deps.logger ?? silentLogger;
  }

  get current(): HandsFreeKind {
    return KIND[this.talk.phase];
  }

  /** Stream time: milliseconds of microphone audio received. */
  get streamMs(): number {
    return (this.received / RATE) * 1000;
  }

  /** 16 kHz mono microphone audio. Calls are handled in order. */
  push(samples: Float32Array): Promise<void> {
    const run = this.queue.then(() => this.consume(samples));
    this.queue = run.catch((error: unknown) => this.logger.warn('hands-free audio failed', { error: String(error) }));
    return run;
  }

  /** End of the audio (a file, or the microphone closed): speech still open counts as ended. */
  async finish(): Promise<void> {
    await this.queue;
    for (const segment of await this.vadStream.finish()) this.step({ type: 'speechEnd', startMs: toMs(segment.start), endMs: toMs(segment.end) });
    await this.settled();
  }

  /** Waits until no hands-free reply is in flight. */
  async settled(): Promise<void> {
    while (this.replies.size > 0) await Promise.all([...this.replies]);
  }

  /**
   * 16 kHz audio Earshot is playing now, as it plays. Its wake-word detections are placed on the
   * microphone's stream time so the echo of them is ignored, and its loudness is kept so the echo
   * of its speech does not count as the user starting to speak.
   */
  played(samples: Float32Array): Promise<void> {
    this.playedLevels.add(this.streamMs, samples);
    const ownVoice = this.deps.ownVoice;
    if (!ownVoice) return Promise.resolve();
    const run = this.ownVoiceQueue.then(async () => {
      const detections = await ownVoice.push(samples.slice());
      const lagMs = ownVoice.elapsedMs; // own-voice stream time now; mic stream time now is streamMs
      for (const detection of detections) this.playedWakeAtMs.push(this.streamMs - (lagMs - detection.atMs));
    });
    this.ownVoiceQueue = run.catch((error: unknown) => this.logger.warn('own-voice check failed', { error: String(error) }));
    return run;
  }

  stop(): void {
    this.step({ type: 'cancel' });
  }

  private async consume(samples: Float32Array): Promise<void> {
    this.remember(samples);
    const listening = this.talk.phase === 'listening' ? this.turns.get(this.talk.turnId as string) : undefined;
    if (listening) this.deps.assistant.pushAudio(listening, samples);
    this.speechStarts = [];
    const [detections, segments] = await Promise.all([this.deps.wake.push(samples.slice()), this.vadStream.push(samples)]);
    await this.ownVoiceQueue;
    this.playedWakeAtMs = recentPlayed(this.playedWakeAtMs, this.streamMs);
    const heard: Heard[] = [];
    for (const detection of detections) {
      if (isOwnVoice(detection.atMs, this.playedWakeAtMs)) this.logger.info('wake word ignored: Earshot said it', { atMs: detection.atMs });
      else heard.push({ atMs: detection.atMs, event: 'wake' });
    }
    if (segments.length > 0) this.echoOnly = false;
    for (const sample of this.speechStarts) {
      this.echoOnly = this.playedLevels.isEcho(toMs(sample), this.levelAt(sample));
      if (!this.echoOnly) heard.push({ atMs: toMs(sample), event: 'start' });
      else {
        this.echoCoupling = this.coupling(sample);
        this.logger.info('speech start ignored: Earshot’s own voice', { atMs: toMs(sample) });
      }
    }
    // The echo keeps the VAD's segment open, so someone talking over it starts no new one: they
    // begin where the microphone, for what is playing, grows clearly louder than the echo was.
    const chunkStart = this.received - samples.length;
    if (this.echoOnly && this.speechStarts.length === 0) {
      const coupling = this.coupling(chunkStart);
      if (coupling > this.echoCoupling * TALK_OVER_FACTOR) {
        this.echoOnly = false;
        heard.push({ atMs: toMs(chunkStart), event: 'start' });
      } else this.echoCoupling = Math.max(this.echoCoupling, coupling);
    }
    for (const segment of segments) heard.push({ atMs: toMs(segment.end), event: 'end', startMs: toMs(segment.start) });
    // In the order they happened in the stream, whatever order the detectors reported them.
    for (const h of heard.sort((a, b) => a.atMs - b.atMs)) {
      if (h.event === 'wake') this.step({ type: 'wake', turnId: this.newId(), atMs: h.atMs }, true);
      else if (h.event === 'start') this.step({ type: 'speechStart', turnId: this.newId(), atMs: h.atMs });
      else this.step({ type: 'speechEnd', startMs: h.startMs, endMs: h.atMs });
    }
    this.step({ type: 'tick', atMs: this.streamMs });
  }

  private newId(): string {
    return `hands-free-${++this.nextId}`;
  }

  private step(event: TalkEvent, cue = false): void {
    const before = this.talk;
    const step = talkStep(this.talk, event, this.deps.config);
    this.talk = step.state;
    for (const effect of step.effects) this.perform(effect, event, cue);
    const turnId = this.talk.turnId === null ? null : (this.turns.get(this.talk.turnId) ?? null);
    if (before.phase !== this.talk.phase || before.turnId !== this.talk.turnId) this.deps.onState?.(KIND[this.talk.phase], turnId);
  }

  private perform(effect: TalkEffect, event: TalkEvent, cue: boolean): void {
    const { assistant } = this.deps;
    switch (effect.type) {
      case 'cancelTurn':
      case 'drop': {
        const turnId = this.turns.get(effect.turnId);
        if (turnId) assistant.cancel(turnId);
        this.turns.delete(effect.turnId);
        return;
      }
      case 'listen': {
        if (cue) this.deps.onCue?.();
        const turnId = assistant.beginTurn(this.deps.turnOptions);
        this.turns.set(effect.turnId, turnId);
        // From the wake word's end, or from just before the first word of a spoken question.
        const atMs = event.type === 'wake' || event.type === 'speechStart' ? (event.atMs ?? this.streamMs) : this.streamMs;
        const fromMs = event.type === 'speechStart' ? atMs - SPEECH_LEAD_MS : atMs;
        const since = this.since(fromMs);
        if (since.length > 0) assistant.pushAudio(turnId, since);
        return;
      }
      case 'answer':
        this.answer(effect.turnId);
        return;
      default:
        // stopPlayback: the window silences a reply when the state turns to 'capturing'; the
        // follow-up window and stopListening need nothing here, the microphone stays open.
        return;
    }
  }

  private answer(id: string): void {
    const turnId = this.turns.get(id);
    if (!turnId) return;
    const done = () => {
      this.turns.delete(id);
      this.step({ type: 'replyDone', turnId: id, atMs: this.streamMs });
    };
    const reply = this.deps.assistant.endTurn(turnId).then(
      (result) => {
        this.deps.onTurn?.(result);
        done();
      },
      (error: unknown) => {
        this.logger.warn('hands-free turn failed', { error: String(error) });
        done();
      },
    );
    this.replies.add(reply);
    void reply.finally(() => this.replies.delete(reply));
  }

  private remember(samples: Float32Array): void {
    const keep = this.recent.length;
    if (samples.length >= keep) this.recent.set(samples.subarray(samples.length - keep));
    else {
      this.recent.copyWithin(0, samples.length);
      this.recent.set(samples, keep - samples.length);
    }
    this.received += samples.length;
  }

  /** The remembered audio from stream time `ms` to now. */
  private since(ms: number): Float32Array {
    const available = Math.min(this.received, this.recent.length);
    const wanted = Math.max(0, Math.min(available, this.received - Math.round((ms / 1000) * RATE)));
    return this.recent.slice(this.recent.length - wanted);
  }

  /** The microphone's loudness from `sample` on over what played at the same time (0 over silence). */
  private coupling(sample: number): number {
    const played = this.playedLevels.rmsOver(toMs(sample), toMs(sample) + 100);
    return played === 0 ? 0 : this.levelAt(sample) / played;
  }

  /** Loudness (RMS) of the microphone from `sample` to now, at most 100 ms of it. */
  private levelAt(sample: number): number {
    const audio = this.since(toMs(sample)).subarray(0, RATE / 10);
    let sum = 0;
    for (const x of audio) sum += x * x;
    return audio.length === 0 ? 0 : Math.sqrt(sum / audio.length);
  }
}

function toMs(sample: number): number {
  return (sample / RATE) * 1000;
}
