// Push-to-talk, typed questions and barge-in, wired to main through the bridge: pressing Talk
// begins a turn and streams ~100 ms microphone chunks; releasing it sends the tail and ends the
// turn; pressing again while the assistant works or speaks cancels that turn and silences it
// first. Turn events update the store and feed the speaker; the first audible chunk is reported
// back with turn.played. All state lives in this closure and the store.
import type { EarshotBridge } from '../../../shared/bridge';
import type { ErrorInfo } from '../../../shared/errors';
import type { TurnEvent, TurnResult } from '../../../shared/turn';
import { appendFrame, flushPending } from '../audio/frame-chunker';
import { frameLevel, nextMeterLevel } from '../audio/input-level';
import type { Microphone, MicrophoneHandlers } from '../audio/microphone';
import type { AppStore } from '../store/app-store';
import { planPress } from './press-plan';
import { isTurnActive } from '../store/turn-view';

export interface SpeakerLike {
  unlock(): void;
  play(turnId: string, samples: Float32Array, sampleRate: number): void;
  stop(): void;
  readonly snapshot: { playing: boolean };
}

export interface TalkDependencies {
  bridge: EarshotBridge;
  store: AppStore;
  speaker: SpeakerLike;
  openMicrophone(handlers: MicrophoneHandlers): Promise<Microphone>;
  /** Shows a problem to the person (a banner). */
  report(error: ErrorInfo): void;
  /** Turns a failure to open the microphone into what to tell the person. */
  microphoneError(error: unknown): ErrorInfo;
  now?: () => number;
}

export interface TalkController {
  /** Loads the voice detector ahead of the first press (does not open the microphone). */
  prepare(): Promise<void>;
  press(): Promise<void>;
  release(): Promise<void>;
  ask(text: string): Promise<boolean>;
  handleTurnEvent(event: TurnEvent): void;
  /** Called by the speaker when a turn's first chunk starts sounding. */
  audible(turnId: string): void;
}

interface Capture {
  turnId: string | null;
  /** Resolves to the turn id, or null when turn.begin failed or another turn took the screen. */
  ready: Promise<string | null>;
  microphone: Promise<Microphone | null>;
  /** Chunks made before turn.begin answered. */
  queued: Float32Array<ArrayBuffer>[];
}

/** Banners a finished turn proves out of date: the reply came, so Ollama, the models and the microphone work. */
const TURN_PROBLEMS = ['llm_unreachable', 'llm_timeout', 'llm_http_error', 'llm_stream_broken', 'llm_model_missing', 'stt_failed', 'audio_empty', 'busy'] as const;

/** Who started the turn on screen: a capture (press) or a typed question (ask). */
type Owner = object;

export function createTalkController(deps: TalkDependencies): TalkController {
  const { bridge, store, speaker } = deps;
  const now = deps.now ?? (() => Date.now());
  let microphonePromise: Promise<Microphone> | null = null;
  let capture: Capture | null = null;
  /** The press or question whose turn is on screen; an older one's late answers must not change it. */
  let onScreen: Owner | null = null;
  let pending: Float32Array = new Float32Array(0);
  let meter = 0;

  const handlers: MicrophoneHandlers = {
    onFrame(frame) {
      const c = capture;
      if (!c) return;
      meter = nextMeterLevel(meter, frameLevel(frame));
      store.getState().setMicLevel(meter);
      const step = appendFrame(pending, frame);
      pending = step.pending;
      for (const chunk of step.chunks) sendChunk(c, chunk);
    },
    onSpeech(active) {
      if (capture) store.getState().setMicLevel(meter, active);
    },
  };

  function microphone(): Promise<Microphone> {
    microphonePromise ??= deps.openMicrophone(handlers).catch((error: unknown) => {
      microphonePromise = null;
      throw error;
    });
    return microphonePromise;
  }

  /**
   * Opens (once) and starts the microphone. Permission is asked on start(), so a refusal fails
   * here; the detector is then left in an errored state, so it is destroyed and the next press
   * builds a fresh one.
   */
  async function startMicrophone(): Promise<Microphone> {
    const opening = microphone();
    const mic = await opening;
    try {
      await mic.start();
      return mic;
    } catch (error) {
      if (microphonePromise === opening) microphonePromise = null;
      void mic.destroy().catch(() => undefined);
      throw error;
    }
  }

  function sendChunk(c: Capture, samples: Float32Array<ArrayBuffer>): void {
    if (c.turnId === null) c.queued.push(samples);
    else void bridge.request('turn.audio', { turnId: c.turnId, samples });
  }

  /** Ends the turn on screen with this error, unless a newer press or question owns it now. */
  function fail(owner: Owner, error: ErrorInfo): void {
    if (onScreen !== owner) return;
    store.getState().abandonTurn(error);
    if (error.code !== 'cancelled') deps.report(error);
  }

  /** A turn main began for a press or question no longer on screen: cancel it and drop its events. */
  function disown(turnId: string): void {
    store.getState().ignoreTurn(turnId);
    void bridge.request('turn.cancel', { turnId });
  }

  /** Barge-in: silence playback and cancel the turn in progress before a new one starts. */
  function interrupt(): boolean {
    const s = store.getState();
    const plan = planPress({ capturing: s.capturing, turnActive: isTurnActive(s.turn), turnId: s.turn?.turnId ?? null, playing: speaker.snapshot.playing });
    if (plan.ignore) return false;
    speaker.unlock();
    if (plan.stopPlayback) speaker.stop();
    if (plan.cancelTurnId !== null) {
      s.ignoreTurn(plan.cancelTurnId);
      void bridge.request('turn.cancel', { turnId: plan.cancelTurnId });
    } else if (plan.cancelAny) {
      void bridge.request('turn.cancel', {});
    }
    return true;
  }

  async function press(): Promise<void> {
    if (!interrupt()) return;
    const s = store.getState();
    s.startTurn('voice');
    s.setCapturing(true);
    pending = new Float32Array(0);
    meter = 0;
    const c: Capture = { turnId: null, ready: Promise.resolve(null), microphone: Promise.resolve(null), queued: [] };
    capture = c;
    onScreen = c;
    c.ready = bridge.request('turn.begin', {}).then((reply) => {
      if (!reply.ok) {
        // Still held: stop listening (once released, release() has stopped the microphone).
        if (capture === c) {
          stopCapture();
          void c.microphone.then((mic) => mic?.stop());
        }
        fail(c, reply.error);
        return null;
      }
      const turnId = reply.value.turnId;
      if (onScreen !== c) {
        disown(turnId);
        return null;
      }
      c.turnId = turnId;
      store.getState().setTurnId(turnId);
      for (const samples of c.queued.splice(0)) void bridge.request('turn.audio', { turnId, samples });
      return turnId;
    });
    c.microphone = startMicrophone().then(
      (mic) => mic,
      (error: unknown) => {
        if (capture === c) stopCapture();
        const problem = deps.microphoneError(error);
        if (onScreen === c) fail(c, problem);
        else deps.report(problem);
        void c.ready.then((turnId) => {
          if (turnId !== null) disown(turnId);
        });
        return null;
      },
    );
    await Promise.all([c.ready, c.microphone]);
  }

  function stopCapture(): Capture | null {
    const c = capture;
    capture = null;
    store.getState().setCapturing(false);
    return c;
  }

  async function release(): Promise<void> {
    const c = stopCapture();
    if (!c) return;
    const tail = flushPending(pending);
    pending = new Float32Array(0);
    void c.microphone.then((mic) => mic?.stop());
    const turnId = await c.ready;
    if (turnId === null || (await c.microphone) === null || onScreen !== c) return;
    for (const samples of tail) void bridge.request('turn.audio', { turnId, samples });
    const reply = await bridge.request('turn.end', { turnId });
    if (!reply.ok) fail(c, reply.error);
  }

  async function ask(text: string): Promise<boolean> {
    const question = text.trim();
    if (question === '' || !interrupt()) return false;
    const owner: Owner = {};
    onScreen = owner;
    store.getState().startTurn('text', question);
    const reply = await bridge.request('turn.ask', { text: question });
    if (!reply.ok) {
      fail(owner, reply.error);
      return false;
    }
    if (onScreen === owner) store.getState().setTurnId(reply.value.turnId);
    else disown(reply.value.turnId);
    return true;
  }

  /** A finished turn goes to the conversation and the latency view (an interrupted one too). */
  function file(turnId: string, result: TurnResult, kind: 'voice' | 'text', transcript: string): void {
    const s = store.getState();
    s.addExchange({ id: turnId, at: now(), transcript, reply: result.reply, language: result.language, complete: result.complete });
    s.addLatency({ turnId, at: now(), kind, cache: result.cache.response, complete: result.complete, marks: result.marks });
  }

  function handleTurnEvent(event: TurnEvent): void {
    const s = store.getState();
    if (!s.receiveTurnEvent(event)) {
      // A turn cancelled by barge-in still ends with 'done': keep it in the conversation, cut short.
      if (event.type === 'done' && s.ignoredTurnIds.includes(event.turnId) && event.result.transcript !== '') {
        file(event.turnId, event.result, event.result.marks.keyUp === undefined ? 'text' : 'voice', event.result.transcript);
      }
      return;
    }
    if (event.type === 'audio') speaker.play(event.turnId, event.samples, event.sampleRate);
    else if (event.type === 'error' && event.error.code !== 'cancelled') deps.report(event.error);
    else if (event.type === 'done') {
      // A turn that went through shows the problems earlier turns reported are over.
      if (event.result.error === null) for (const code of TURN_PROBLEMS) store.getState().dismissBanner(code);
      const turn = store.getState().turn;
      const transcript = turn?.transcript || event.result.transcript;
      // Nothing was heard: main keeps no such turn, so the conversation shows none either.
      if (transcript !== '') file(event.turnId, event.result, turn?.kind ?? 'voice', transcript);
    }
  }

  function audible(turnId: string): void {
    if (store.getState().ignoredTurnIds.includes(turnId)) return;
    void bridge.request('turn.played', { turnId });
  }

  return {
    prepare: async () => {
      await microphone();
    },
    press,
    release,
    ask,
    handleTurnEvent,
    audible,
  };
}
