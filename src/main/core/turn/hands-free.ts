// Hands-free listening: the always-open microphone's audio goes to the wake-word listener and to
// one VAD; their events go through stepHandsFree, and its effects become the Assistant's ordinary
// beginTurn / pushAudio / endTurn / cancel calls — a hands-free turn is a push-to-talk turn whose
// key is the wake word and whose key-up is the end of speech.
import type { TurnResult } from '../../../shared/turn';
import type { VadStream, VoiceActivityDetector } from '../engines/types';
import type { WakeDetection } from '../engines/wake/wake-detector';
import { type Logger, silentLogger } from '../platform/logger';
import { isOwnVoice, recentPlayed } from './echo-suppression';
import type { Assistant } from './assistant';
import type { TurnOptions } from './active-turn';
import { type HandsFreeConfig, type HandsFreeEffect, type HandsFreeEvent, HANDS_FREE_START, type HandsFreeState, stepHandsFree } from './hands-free-plan';

const RATE = 16_000;
/** Audio kept so a turn can start from the wake word's end, which is detected a few hops late. */
const KEEP_SECONDS = 4;

export interface WakeListener {
  push(samples: Float32Array): Promise<WakeDetection[]>;
}

export interface HandsFreeDeps {
  assistant: Pick<Assistant, 'beginTurn' | 'pushAudio' | 'endTurn' | 'cancel'>;
  wake: WakeListener;
  /** A second detector for the audio Earshot plays, so its own voice never wakes it. */
  ownVoice?: WakeListener & { readonly elapsedMs: number };
  vad: VoiceActivityDetector;
  config: HandsFreeConfig;
  turnOptions?: TurnOptions;
  /** The wake word was heard: play the "listening" cue. */
  onCue?: () => void;
  /** Every change of hands-free state, for the tray and the window. */
  /** With the turn it is about, so the window can follow a turn it did not start. */
  onState?: (state: HandsFreeState['kind'], turnId: string | null) => void;
  /** Every finished hands-free turn. */
  onTurn?: (result: TurnResult) => void;
  logger?: Logger;
}

export class HandsFreeController {
  private state: HandsFreeState = HANDS_FREE_START;
  private readonly vadStream: VadStream;
  private readonly recent = new Float32Array(KEEP_SECONDS * RATE);
  private received = 0;
  private turnId: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly replies = new Set<Promise<void>>();
  private readonly logger: Logger;
  /** Stream times at which Earshot's own playback said the wake word. */
  private playedWakeAtMs: number[] = [];
  private ownVoiceQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: HandsFreeDeps) {
    this.vadStream = deps.vad.createStream();
    this.logger = deps.logger ?? silentLogger;
  }

  get current(): HandsFreeState['kind'] {
    return this.state.kind;
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
    for (const segment of await this.vadStream.finish()) this.apply({ type: 'speech-ended', startMs: toMs(segment.start), endMs: toMs(segment.end) });
    await this.settled();
  }

  /** Waits until no hands-free reply is in flight. */
  async settled(): Promise<void> {
    while (this.replies.size > 0) await Promise.all([...this.replies]);
  }

  /**
   * 16 kHz audio Earshot is playing now, as it plays. Its wake-word detections are placed on the
   * microphone's stream time so the echo of them is ignored.
   */
  played(samples: Float32Array): Promise<void> {
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
    this.apply({ type: 'stop' });
  }

  private async consume(samples: Float32Array): Promise<void> {
    this.remember(samples);
    if (this.turnId && (this.state.kind === 'capturing' || this.state.kind === 'follow-up')) this.deps.assistant.pushAudio(this.turnId, samples);
    const [detections, segments] = await Promise.all([this.deps.wake.push(samples.slice()), this.vadStream.push(samples)]);
    await this.ownVoiceQueue;
    this.playedWakeAtMs = recentPlayed(this.playedWakeAtMs, this.streamMs);
    for (const detection of detections) {
      if (isOwnVoice(detection.atMs, this.playedWakeAtMs)) this.logger.info('wake word ignored: Earshot said it', { atMs: detection.atMs });
      else this.apply({ type: 'wake', atMs: detection.atMs });
    }
    for (const segment of segments) this.apply({ type: 'speech-ended', startMs: toMs(segment.start), endMs: toMs(segment.end) });
    this.apply({ type: 'tick', atMs: this.streamMs });
  }

  private apply(event: HandsFreeEvent): void {
    const before = this.state.kind;
    const step = stepHandsFree(this.state, event, this.deps.config);
    this.state = step.state;
    for (const effect of step.effects) this.perform(effect);
    if (this.state.kind !== before) this.deps.onState?.(this.state.kind, this.turnId);
  }

  private perform(effect: HandsFreeEffect): void {
    const { assistant } = this.deps;
    if (effect.type === 'cancel-turn') {
      if (this.turnId) assistant.cancel(this.turnId);
      this.turnId = null;
      return;
    }
    if (effect.type === 'begin-turn') {
      if (effect.cue) this.deps.onCue?.();
      const turnId = assistant.beginTurn(this.deps.turnOptions);
      this.turnId = turnId;
      const since = this.since(effect.audioFromMs);
      if (since.length > 0) assistant.pushAudio(turnId, since);
      return;
    }
    const turnId = this.turnId;
    if (!turnId) return;
    const reply = assistant.endTurn(turnId).then(
      (result) => {
        this.deps.onTurn?.(result);
        // a barge-in already moved on; only the turn still current opens the follow-up window
        if (this.turnId === turnId) this.apply({ type: 'reply-done', atMs: this.streamMs });
      },
      (error: unknown) => {
        this.logger.warn('hands-free turn failed', { error: String(error) });
        if (this.turnId === turnId) this.apply({ type: 'reply-done', atMs: this.streamMs });
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
}

function toMs(sample: number): number {
  return (sample / RATE) * 1000;
}
