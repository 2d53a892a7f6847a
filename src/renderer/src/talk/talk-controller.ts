// Push-to-talk, typed questions and barge-in, wired to main through the bridge. What a press,
// a release, a typed question or a turn's end means is decided by the shared talk machine; this
// file carries out its effects: it names each turn it starts, streams ~100 ms microphone chunks
// while Talk is held, sends the tail and ends the turn on release (asking main to end it
// silently if the detector heard no speech and main hears none either), cancels and silences a
// reply it interrupts, and reports the first audible chunk back with turn.played. All state lives in this closure and the store.
import type { EarshotBridge } from '../../../shared/bridge';
import type { ErrorInfo } from '../../../shared/errors';
import { IDLE_TALK, talkStep, type TalkEffect, type TalkEvent, type TalkState } from '../../../shared/talk-machine';
import type { TurnEvent, TurnResult } from '../../../shared/turn';
import { appendFrame, flushPending } from '../audio/frame-chunker';
import { frameLevel, nextMeterLevel } from '../audio/input-level';
import type { Microphone, MicrophoneHandlers } from '../audio/microphone';
import type { AppStore } from '../store/app-store';
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
  /** A fresh turn id (default: a random UUID). */
  newId?: () => string;
}

export interface TalkController {
  /** Loads the voice detector ahead of the first press (does not open the microphone). */
  prepare(): Promise<void>;
  /** Talk went down; turnId when main's hotkey already named the turn. */
  press(turnId?: string): Promise<void>;
  release(): Promise<void>;
  ask(text: string): Promise<boolean>;
  handleTurnEvent(event: TurnEvent): void;
  /** Called by the speaker when a turn's first chunk starts sounding. */
  audible(turnId: string): void;
}

interface Capture {
  turnId: string;
  /** Resolves true once main has begun the turn, false when turn.begin failed. */
  ready: Promise<boolean>;
  begun: boolean;
  microphone: Promise<Microphone | null>;
  /** Chunks made before turn.begin answered. */
  queued: Float32Array<ArrayBuffer>[];
}

/** Banners a finished turn proves out of date: the reply came, so Ollama, the models and the microphone work. */
const TURN_PROBLEMS = ['llm_unreachable', 'llm_timeout', 'llm_http_error', 'llm_stream_broken', 'llm_model_missing', 'stt_failed', 'audio_empty', 'busy'] as const;

export function createTalkController(deps: TalkDependencies): TalkController {
  const { bridge, store, speaker } = deps;
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  let talk: TalkState = IDLE_TALK;
  let microphonePromise: Promise<Microphone> | null = null;
  let capture: Capture | null = null;
  /** The typed question the next sendQuestion effect sends. */
  let question = '';
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
      if (!capture) return;
      store.getState().setMicLevel(meter, active);
      if (active) void step({ type: 'speechStart' });
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
    if (!c.begun) c.queued.push(samples);
    else void bridge.request('turn.audio', { turnId: c.turnId, samples });
  }

  /**
   * Feeds the talk machine and carries out what it decides, in order. Resolves when the requests
   * those effects started have answered (what press, release and ask wait for).
   */
  function step(event: TalkEvent): Promise<unknown[]> {
    const next = talkStep(talk, event);
    talk = next.state;
    return Promise.all(next.effects.map(carryOut));
  }

  function carryOut(effect: TalkEffect): Promise<unknown> | undefined {
    const s = store.getState();
    switch (effect.type) {
      case 'stopPlayback':
        if (speaker.snapshot.playing || isTurnActive(s.turn)) speaker.stop();
        return;
      case 'cancelTurn':
        s.ignoreTurn(effect.turnId);
        void bridge.request('turn.cancel', { turnId: effect.turnId });
        return;
      case 'drop':
        stopCapture();
        s.dropTurn(effect.turnId);
        void bridge.request('turn.cancel', { turnId: effect.turnId });
        return;
      case 'stopListening':
        stopCapture();
        return;
      case 'listen':
        return listen(effect.turnId);
      case 'answer':
        return answer(effect.turnId, effect.speechHeard);
      case 'sendQuestion':
        return sendQuestion(effect.turnId, question);
      case 'startFollowUp':
      case 'stopFollowUp':
        return; // hands-free listening is not wired into the page yet
    }
  }

  /** The turn could not go on: show why (unless it is a newer turn's screen now) and end it. */
  function fail(turnId: string, error: ErrorInfo): void {
    const s = store.getState();
    if (s.turn?.turnId === turnId) {
      s.abandonTurn(error);
      if (error.code !== 'cancelled') deps.report(error);
    }
    void step({ type: 'replyDone', turnId });
  }

  function listen(turnId: string): Promise<unknown> {
    const s = store.getState();
    s.startTurn('voice', turnId);
    s.setCapturing(true);
    pending = new Float32Array(0);
    meter = 0;
    const c: Capture = { turnId, ready: Promise.resolve(false), begun: false, microphone: Promise.resolve(null), queued: [] };
    capture = c;
    c.ready = bridge.request('turn.begin', { turnId }).then((reply) => {
      if (!reply.ok) {
        fail(turnId, reply.error);
        return false;
      }
      c.begun = true;
      for (const samples of c.queued.splice(0)) void bridge.request('turn.audio', { turnId, samples });
      return true;
    });
    c.microphone = startMicrophone().then(
      (mic) => mic,
      (error: unknown) => {
        const problem = deps.microphoneError(error);
        if (store.getState().turn?.turnId !== turnId) deps.report(problem);
        fail(turnId, problem);
        void bridge.request('turn.cancel', { turnId });
        return null;
      },
    );
    return Promise.all([c.ready, c.microphone]);
  }

  function stopCapture(): Capture | null {
    const c = capture;
    capture = null;
    store.getState().setCapturing(false);
    void c?.microphone.then((mic) => mic?.stop());
    return c;
  }

  async function answer(turnId: string, speechHeard: boolean): Promise<void> {
    const c = capture?.turnId === turnId ? stopCapture() : null;
    if (!c) return;
    const tail = flushPending(pending);
    pending = new Float32Array(0);
    if (!(await c.ready) || (await c.microphone) === null || talk.turnId !== turnId) return;
    for (const samples of tail) void bridge.request('turn.audio', { turnId, samples });
    const reply = await bridge.request('turn.end', speechHeard ? { turnId } : { turnId, silentIfEmpty: true });
    if (!reply.ok) fail(turnId, reply.error);
  }

  async function sendQuestion(turnId: string, text: string): Promise<boolean> {
    store.getState().startTurn('text', turnId, text);
    const reply = await bridge.request('turn.ask', { text, turnId });
    if (!reply.ok) fail(turnId, reply.error);
    return reply.ok;
  }

  async function press(turnId?: string): Promise<void> {
    speaker.unlock();
    await step({ type: 'press', turnId: turnId ?? newId() });
  }

  async function release(): Promise<void> {
    await step({ type: 'release' });
  }

  async function ask(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (trimmed === '') return false;
    speaker.unlock();
    question = trimmed;
    const done = await step({ type: 'ask', turnId: newId() });
    return done.includes(true);
  }

  /** A finished turn goes to the conversation and the latency view (an interrupted one too). */
  function file(turnId: string, result: TurnResult, kind: 'voice' | 'text', transcript: string): void {
    const s = store.getState();
    s.addExchange({ id: turnId, at: now(), transcript, reply: result.reply, language: result.language, complete: result.complete });
    s.addLatency({ turnId, at: now(), kind, cache: result.cache.response, complete: result.complete, marks: result.marks });
  }

  function handleTurnEvent(event: TurnEvent): void {
    const s = store.getState();
    if (event.type === 'done') void step({ type: 'replyDone', turnId: event.turnId });
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
