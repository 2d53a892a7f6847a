// The app's side of hands-free listening: the window streams its open microphone here while the
// setting is on. The listener (wake-word detector + controller) starts with the first chunk, is
// rebuilt when the wake word, threshold or follow-up window change, and stops when the user pauses
// the microphone or turns hands-free off.
import type { ListeningState } from '../../../shared/contract';
import { EarshotError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { VoiceActivityDetector } from '../engines/types';
import { type Logger, silentLogger } from '../platform/logger';
import { type HandsFreeDeps, HandsFreeController, type WakeListener } from './hands-free';
import { DEFAULT_TALK_CONFIG } from '../../../shared/talk-machine';

export type ListeningSettings = Settings['listening'];

export interface ClosableWakeListener extends WakeListener {
  close(): Promise<void>;
}

export interface HandsFreeSessionDeps {
  assistant: HandsFreeDeps['assistant'];
  vad: () => VoiceActivityDetector;
  /** Loads the wake-word detector for these settings (models, threshold), off the main thread. */
  openWake: (listening: ListeningSettings) => Promise<ClosableWakeListener>;
  listening: () => ListeningSettings;
  /** The wake word was heard (the window plays its cue on the listening state instead). */
  onCue?: () => void;
  logger?: Logger;
}

interface Live {
  key: string;
  controller: HandsFreeController;
  wake: ClosableWakeListener;
}

export const HANDS_FREE_OFF = 'Hands-free listening is off — turn it on in Settings (Hands-free listening) first.';

/** The settings a running listener was built from; a change means building it again. */
export function listenerKey(listening: ListeningSettings): string {
  return [listening.wakeWord, listening.customClassifier.trim(), listening.wakeThreshold, listening.followUpSeconds].join('|');
}

export class HandsFreeSession {
  private live: Promise<Live> | null = null;
  private state: ListeningState = 'paused';
  private turnId: string | null = null;
  private readonly logger: Logger;
  private readonly listeners = new Set<(state: ListeningState, turnId: string | null) => void>();

  constructor(private readonly deps: HandsFreeSessionDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  get current(): ListeningState {
    return this.state;
  }

  /** Every change of listening state, for the window and the tray; returns the unsubscribe. */
  onState(listener: (state: ListeningState, turnId: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** 16 kHz mono microphone audio; rejects with a clear error when hands-free is off or the listener cannot start. */
  async push(samples: Float32Array): Promise<void> {
    const listening = this.deps.listening();
    if (!listening.handsFree) throw new EarshotError('invalid_input', HANDS_FREE_OFF);
    const key = listenerKey(listening);
    let live = this.live ? await this.live.catch(() => null) : null;
    if (live && live.key !== key) {
      await this.pause();
      live = null;
    }
    if (!live) {
      const starting = this.start(listening, key);
      this.live = starting;
      try {
        live = await starting;
      } catch (error) {
        this.live = null;
        throw error;
      }
      this.setState(live.controller.current);
    }
    await live.controller.push(samples);
  }

  /** The microphone paused or hands-free turned off: a question being heard is dropped. */
  async pause(): Promise<void> {
    const starting = this.live;
    this.live = null;
    if (starting) {
      const live = await starting.catch(() => null);
      if (live) {
        live.controller.stop();
        await live.wake.close().catch((error: unknown) => this.logger.warn('wake-word listener did not close', { error: String(error) }));
      }
    }
    this.setState('paused');
  }

  private async start(listening: ListeningSettings, key: string): Promise<Live> {
    const wake = await this.deps.openWake(listening);
    const controller = new HandsFreeController({
      assistant: this.deps.assistant,
      wake,
      vad: this.deps.vad(),
      config: { ...DEFAULT_TALK_CONFIG, followUpMs: listening.followUpSeconds * 1000 },
      onCue: this.deps.onCue,
      onState: (state, turnId) => {
        if (this.live) this.setState(state, turnId);
      },
      logger: this.logger,
    });
    return { key, controller, wake };
  }

  private setState(state: ListeningState, turnId: string | null = null): void {
    if (state === this.state && turnId === this.turnId) return;
    this.state = state;
    this.turnId = turnId;
    for (const listener of this.listeners) listener(state, turnId);
  }
}
