import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../src/shared/errors';
import type { TurnEvent, TurnResult } from '../../../src/shared/turn';
import type { Microphone, MicrophoneHandlers } from '../../../src/renderer/src/audio/microphone';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import { createTalkController, type SpeakerLike } from '../../../src/renderer/src/talk/talk-controller';
import { deferred, FakeBridge, ok } from './support/fake-bridge';

class FakeSpeaker implements SpeakerLike {
  readonly log: string[] = [];
  snapshot = { playing: false };
  unlock() {}
  play(turnId: string, samples: Float32Array) {
    this.log.push(`play ${turnId} ${samples.length}`);
    this.snapshot = { playing: true };
  }
  stop() {
    this.log.push('stop');
    this.snapshot = { playing: false };
  }
}

function setup(options: { startFails?: unknown[] } = {}) {
  const bridge = new FakeBridge();
  const store = createAppStore(['en-US']);
  const speaker = new FakeSpeaker();
  const reported: ErrorInfo[] = [];
  let handlers: MicrophoneHandlers | null = null;
  // Like vad-web's MicVAD: start() asks for the microphone and rejects when it is refused, after
  // which the detector does nothing on start() until a fresh one is made.
  const startFails = [...(options.startFails ?? [])];
  let errored = false;
  const mic: Microphone & { opened: number; started: number; stopped: number; destroyed: number } = {
    opened: 0,
    started: 0,
    stopped: 0,
    destroyed: 0,
    async start() {
      if (errored) return;
      const failure = startFails.shift();
      if (failure !== undefined) {
        errored = true;
        throw failure;
      }
      this.started++;
    },
    async stop() {
      this.stopped++;
    },
    async destroy() {
      this.destroyed++;
    },
  };
  // The page names its turns; main answers with the same id.
  let turns = 0;
  bridge.handlers.set('turn.begin', (params) => ok({ turnId: (params as { turnId: string }).turnId }));
  bridge.handlers.set('turn.ask', (params) => ok({ turnId: (params as { turnId: string }).turnId }));
  const talk = createTalkController({
    bridge,
    store,
    speaker,
    openMicrophone: async (h) => {
      handlers = h;
      mic.opened++;
      errored = false;
      return mic;
    },
    report: (e) => reported.push(e),
    microphoneError: () => ({ code: 'permission_denied', message: 'Allow the microphone, then hold Talk again.' }),
    now: () => 1_000,
    newId: () => `t${++turns}`,
  });
  const frame = (n = 512, value = 0.1) => handlers!.onFrame(new Float32Array(n).fill(value));
  /** The voice detector hears speech start. */
  const speak = () => handlers!.onSpeech(true);
  return { bridge, store, speaker, reported, mic, talk, frame, speak };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const refused = () => Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });

const result = (reply: string): TurnResult => ({
  transcript: 'what is the capital of france',
  reply,
  language: 'en',
  complete: true,
  cache: { response: 'miss' },
  marks: { keyDown: 0, keyUp: 2000, sttDone: 2150, firstAudioPlayed: 2700 },
  error: null,
});

describe('push to talk', () => {
  it('streams 100 ms chunks under the turn id while held, then sends the tail and ends the turn on release', async () => {
    const { bridge, talk, frame, mic, store, speak } = setup();
    const begin = deferred<ReturnType<typeof ok<{ turnId: string }>>>();
    bridge.handlers.set('turn.begin', () => begin.promise);
    const pressed = talk.press();
    await Promise.resolve();
    for (let i = 0; i < 4; i++) frame(); // 2048 samples before turn.begin answered
    expect(bridge.requests).toEqual([{ name: 'turn.begin', params: { turnId: 't1' } }]);
    speak();
    begin.resolve(ok({ turnId: 't1' }));
    await pressed;
    expect(store.getState().capturing).toBe(true);
    for (let i = 0; i < 3; i++) frame(); // 3584 in all: two chunks and a 384-sample tail
    await talk.release();

    const audio = bridge.requests.filter((r) => r.name === 'turn.audio');
    expect(audio.map((r) => (r.params.samples as Float32Array).length)).toEqual([1600, 1600, 384]);
    expect(audio.every((r) => r.params.turnId === 't1')).toBe(true);
    expect(bridge.names().at(-1)).toBe('turn.end');
    expect(bridge.requests.at(-1)!.params).toEqual({ turnId: 't1' });
    expect(mic.started).toBe(1);
    expect(mic.stopped).toBe(1);
    expect(store.getState().capturing).toBe(false);
  });

  it('moves the level meter while speech comes in and rests it on release', async () => {
    const { talk, frame, store } = setup();
    await talk.press();
    frame(512, 0.3);
    expect(store.getState().micLevel).toBeGreaterThan(0.5);
    await talk.release();
    expect(store.getState().micLevel).toBe(0);
  });

  it('ignores frames once released and a second press while held (key repeat)', async () => {
    const { bridge, talk, frame } = setup();
    await talk.press();
    await talk.press();
    await talk.release();
    frame(4000);
    expect(bridge.names().filter((n) => n === 'turn.begin')).toHaveLength(1);
    expect(bridge.names().filter((n) => n === 'turn.audio')).toHaveLength(0);
  });

  it('when the microphone is refused, says what to do, ends the turn and cancels it on main', async () => {
    const { bridge, talk, reported, store } = setup({ startFails: [refused()] });
    await talk.press();
    await settle();
    expect(reported.map((e) => e.message)).toEqual(['Allow the microphone, then hold Talk again.']);
    expect(store.getState().capturing).toBe(false);
    expect(store.getState().turn).toMatchObject({ ended: true, state: 'idle' });
    expect(bridge.requests.find((r) => r.name === 'turn.cancel')?.params).toEqual({ turnId: 't1' });
    await talk.release();
    expect(bridge.names()).not.toContain('turn.end');
  });

  it('after a refusal, the next press asks again with a fresh microphone and records', async () => {
    const { bridge, talk, mic, frame, speak } = setup({ startFails: [refused()] });
    await talk.press();
    await talk.release();
    await settle();
    expect(mic.destroyed).toBe(1);

    await talk.press();
    expect(mic.opened).toBe(2);
    expect(mic.started).toBe(1);
    frame(1600);
    speak();
    await talk.release();
    expect(bridge.requests.filter((r) => r.name === 'turn.audio').map((r) => r.params.turnId)).toEqual(['t2']);
    expect(bridge.requests.at(-1)).toEqual({ name: 'turn.end', params: { turnId: 't2' } });
  });

  it('shows why a turn could not begin, stops capturing and turns the microphone off', async () => {
    const { bridge, talk, reported, store, mic } = setup();
    bridge.handlers.set('turn.begin', () => ({ ok: false, error: { code: 'busy', message: 'Earshot is still starting — try again in a moment.' } }));
    await talk.press();
    await settle();
    expect(reported[0]?.code).toBe('busy');
    expect(store.getState().capturing).toBe(false);
    expect(mic.started).toBe(1);
    expect(mic.stopped).toBe(1);
    await talk.release();
    expect(bridge.names()).not.toContain('turn.end');
  });
});

describe('a quick second press', () => {
  // Press, speak, let go and press again before main has answered the first turn.begin. Each press
  // names its turn, so nothing has to guess which of main's answers and events is whose.
  function twoPresses() {
    const t = setup();
    const first = deferred<ReturnType<typeof ok<{ turnId: string }>>>();
    const second = deferred<ReturnType<typeof ok<{ turnId: string }>>>();
    const begins = [first, second];
    t.bridge.handlers.set('turn.begin', () => begins.shift()!.promise);
    return { ...t, first, second };
  }

  function pressSpeakReleasePress(t: ReturnType<typeof twoPresses>) {
    void t.talk.press();
    t.speak();
    const released = t.talk.release();
    void t.talk.press();
    return released;
  }

  async function expectSecondTurnUntouched(t: ReturnType<typeof twoPresses>) {
    const s = t.store.getState();
    expect(s.turn).toMatchObject({ turnId: 't2', ended: false, state: 'listening' });
    expect(s.capturing).toBe(true);
    expect(t.reported).toEqual([]);
    expect(t.bridge.requests.filter((r) => r.name === 'turn.end')).toEqual([]);
    // The first turn is cancelled on main and its events no longer reach the screen.
    expect(t.bridge.requests.filter((r) => r.name === 'turn.cancel').map((r) => r.params)).toContainEqual({ turnId: 't1' });
    t.talk.handleTurnEvent({ type: 'error', turnId: 't1', error: { code: 'cancelled', message: 'The turn was cancelled.' } });
    t.talk.handleTurnEvent({ type: 'transcript', turnId: 't2', text: 'hello', final: false });
    expect(t.store.getState().turn).toMatchObject({ turnId: 't2', transcript: 'hello', error: null });
  }

  it('leaves the new turn alone when the old turn.begin answers first', async () => {
    const t = twoPresses();
    const released = pressSpeakReleasePress(t);
    t.first.resolve(ok({ turnId: 't1' }));
    await released;
    t.second.resolve(ok({ turnId: 't2' }));
    await settle();
    await expectSecondTurnUntouched(t);
  });

  it('ignores the old turn when main announces it before answering either turn.begin', async () => {
    const t = twoPresses();
    const released = pressSpeakReleasePress(t);
    t.talk.handleTurnEvent({ type: 'state', turnId: 't1', state: 'listening' });
    t.talk.handleTurnEvent({ type: 'token', turnId: 't1', text: 'stale' });
    t.first.resolve(ok({ turnId: 't1' }));
    await released;
    t.second.resolve(ok({ turnId: 't2' }));
    await settle();
    t.talk.handleTurnEvent({ type: 'state', turnId: 't2', state: 'listening' });
    t.talk.handleTurnEvent({ type: 'audio', turnId: 't2', sentence: 0, seq: 0, sampleRate: 16_000, samples: new Float32Array(10) });
    await expectSecondTurnUntouched(t);
    expect(t.store.getState().turn?.reply).toBe('');
    expect(t.speaker.log).toContain('play t2 10');
  });

  it('a press while a typed question is on its way gets its own events', async () => {
    const t = setup();
    const asked = deferred<ReturnType<typeof ok<{ turnId: string }>>>();
    t.bridge.handlers.set('turn.ask', () => asked.promise);
    const asking = t.talk.ask('hi there');
    const pressing = t.talk.press();
    t.talk.handleTurnEvent({ type: 'token', turnId: 't1', text: 'Hello! ' }); // the question's reply, late
    asked.resolve(ok({ turnId: 't1' }));
    await asking;
    await pressing;
    t.talk.handleTurnEvent({ type: 'state', turnId: 't2', state: 'listening' });
    expect(t.store.getState().turn).toMatchObject({ turnId: 't2', kind: 'voice', reply: '', ended: false });
    expect(t.bridge.requests.filter((r) => r.name === 'turn.cancel').map((r) => r.params)).toEqual([{ turnId: 't1' }]);
  });

  it('leaves the new turn alone when the old turn.begin answers last', async () => {
    const t = twoPresses();
    const released = pressSpeakReleasePress(t);
    t.second.resolve(ok({ turnId: 't2' }));
    await settle();
    t.first.resolve(ok({ turnId: 't1' }));
    await released;
    await settle();
    await expectSecondTurnUntouched(t);
  });
});

describe('replies', () => {
  it('builds the reply from streamed tokens, plays its audio and files the finished turn', async () => {
    const { talk, store, speaker, bridge } = setup();
    expect(await talk.ask('What is the capital of France?')).toBe(true);
    const events: TurnEvent[] = [
      { type: 'state', turnId: 't1', state: 'thinking' },
      { type: 'token', turnId: 't1', text: 'Paris is ' },
      { type: 'token', turnId: 't1', text: 'the capital.' },
      { type: 'audio', turnId: 't1', sentence: 0, seq: 0, sampleRate: 22_050, samples: new Float32Array(2205) },
    ];
    events.forEach((e) => talk.handleTurnEvent(e));
    expect(store.getState().turn?.reply).toBe('Paris is the capital.');
    expect(store.getState().turn?.transcript).toBe('What is the capital of France?');
    expect(speaker.log).toEqual(['play t1 2205']);

    talk.audible('t1');
    expect(bridge.requests.at(-1)).toEqual({ name: 'turn.played', params: { turnId: 't1' } });

    talk.handleTurnEvent({ type: 'done', turnId: 't1', result: result('Paris is the capital.') });
    const s = store.getState();
    expect(s.history).toEqual([{ id: 't1', at: 1_000, transcript: 'What is the capital of France?', reply: 'Paris is the capital.', language: 'en', complete: true }]);
    expect(s.latency[0]).toMatchObject({ turnId: 't1', kind: 'text', cache: 'miss' });
    expect(s.turn?.ended).toBe(true);
  });

  it('shows a turn error as a banner, but not a cancellation', async () => {
    const { talk, reported } = setup();
    await talk.ask('hello');
    talk.handleTurnEvent({ type: 'error', turnId: 't1', error: { code: 'llm_unreachable', message: 'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`' } });
    talk.handleTurnEvent({ type: 'error', turnId: 't1', error: { code: 'cancelled', message: 'The turn was cancelled.' } });
    expect(reported.map((e) => e.code)).toEqual(['llm_unreachable']);
  });
});

describe('barge-in', () => {
  it('pressing Talk while the assistant speaks silences it at once, cancels that turn and ignores its late audio', async () => {
    const { talk, bridge, speaker, store } = setup();
    await talk.ask('Tell me a long story');
    talk.handleTurnEvent({ type: 'audio', turnId: 't1', sentence: 0, seq: 0, sampleRate: 16_000, samples: new Float32Array(1600) });
    expect(speaker.snapshot.playing).toBe(true);

    await talk.press();
    const names = bridge.names();
    expect(speaker.log).toEqual(['play t1 1600', 'stop']);
    expect(names.indexOf('turn.cancel')).toBeLessThan(names.indexOf('turn.begin'));
    expect(bridge.requests.find((r) => r.name === 'turn.cancel')?.params).toEqual({ turnId: 't1' });

    // The cancelled turn's audio still in flight must not play, nor its tokens show.
    talk.handleTurnEvent({ type: 'audio', turnId: 't1', sentence: 1, seq: 1, sampleRate: 16_000, samples: new Float32Array(1600) });
    talk.handleTurnEvent({ type: 'token', turnId: 't1', text: 'Once upon a time' });
    talk.audible('t1');
    expect(speaker.log).toEqual(['play t1 1600', 'stop']);
    expect(store.getState().turn).toMatchObject({ turnId: 't2', reply: '', kind: 'voice' });
    expect(bridge.names()).not.toContain('turn.played');
  });

  it('a typed question while a spoken reply is still being thought about cancels it too', async () => {
    const { talk, bridge, speak } = setup();
    await talk.press();
    speak();
    await talk.release();
    talk.handleTurnEvent({ type: 'state', turnId: 't1', state: 'thinking' });
    await talk.ask('never mind');
    expect(bridge.requests.find((r) => r.name === 'turn.cancel')?.params).toEqual({ turnId: 't1' });
    expect(bridge.names().at(-1)).toBe('turn.ask');
  });

  it('after a finished reply that is still playing, a new press only stops the audio', async () => {
    const { talk, bridge, speaker } = setup();
    await talk.ask('hi');
    talk.handleTurnEvent({ type: 'audio', turnId: 't1', sentence: 0, seq: 0, sampleRate: 16_000, samples: new Float32Array(1600) });
    talk.handleTurnEvent({ type: 'done', turnId: 't1', result: result('Hello.') });
    await talk.press();
    expect(speaker.log.at(-1)).toBe('stop');
    expect(bridge.names()).not.toContain('turn.cancel');
  });
});

describe('a turn that goes through', () => {
  it('removes the banners of the problems earlier turns ran into', async () => {
    const { talk, store } = setup();
    store.getState().showBanner({ id: 'llm_unreachable', level: 'error', text: { kind: 'plain', message: 'Ollama is not running' } });
    store.getState().showBanner({ id: 'notice:x', level: 'info', text: { kind: 'plain', message: 'Something else' } });
    await talk.ask('What is the capital of France?');
    talk.handleTurnEvent({ type: 'done', turnId: 't1', result: result('Paris.') });
    expect(store.getState().banners.map((b) => b.id)).toEqual(['notice:x']);
  });
});

describe('a press with nothing said', () => {
  const silentDone = (turnId: string): TurnEvent => ({
    type: 'done',
    turnId,
    result: { ...result(''), transcript: '', complete: false, error: { code: 'cancelled', params: { variant: 'turn' }, message: 'The turn was cancelled.' } },
  });

  it('asks main to end it silently if it hears nothing either, and then shows, says and files nothing', async () => {
    const { talk, store, reported, bridge } = setup();
    await talk.press();
    await talk.release();
    expect(bridge.requests.at(-1)).toEqual({ name: 'turn.end', params: { turnId: 't1', silentIfEmpty: true } });
    expect(store.getState().capturing).toBe(false);
    talk.handleTurnEvent(silentDone('t1'));
    expect(store.getState().history).toEqual([]);
    expect(store.getState().latency).toEqual([]);
    expect(reported).toEqual([]);
    // The next press starts afresh: the tap left nothing to interrupt.
    await talk.press();
    expect(bridge.names().filter((n) => n === 'turn.cancel')).toEqual([]);
  });

  it('a tap while Earshot speaks silences it and goes back to idle without a turn of its own', async () => {
    const { talk, store, reported, bridge, speaker } = setup();
    await talk.ask('Tell me a long story');
    talk.handleTurnEvent({ type: 'audio', turnId: 't1', sentence: 0, seq: 0, sampleRate: 16_000, samples: new Float32Array(1600) });
    await talk.press();
    await talk.release();
    expect(speaker.log).toEqual(['play t1 1600', 'stop']);
    expect(bridge.requests.filter((r) => r.name === 'turn.cancel').map((r) => r.params)).toEqual([{ turnId: 't1' }]);
    expect(bridge.requests.at(-1)).toEqual({ name: 'turn.end', params: { turnId: 't2', silentIfEmpty: true } });
    talk.handleTurnEvent({ type: 'done', turnId: 't1', result: { ...result('Once'), transcript: 'Tell me a long story', complete: false } });
    talk.handleTurnEvent(silentDone('t2'));
    // The story stays, cut short; the tap left no turn of its own and said nothing.
    expect(store.getState().history.map((e) => e.id)).toEqual(['t1']);
    expect(store.getState().turn).toMatchObject({ turnId: 't2', ended: true, transcript: '' });
    expect(reported).toEqual([]);
  });

  it('with speech heard, ends the turn normally', async () => {
    const { talk, bridge, speak } = setup();
    await talk.press();
    speak();
    await talk.release();
    expect(bridge.requests.at(-1)).toEqual({ name: 'turn.end', params: { turnId: 't1' } });
  });
});

describe('an interrupted turn', () => {
  it('stays in the conversation, cut short, when its late done arrives', async () => {
    const { talk, store } = setup();
    await talk.ask('Tell me a long story');
    talk.handleTurnEvent({ type: 'token', turnId: 't1', text: 'Once upon' });
    await talk.press();
    talk.handleTurnEvent({ type: 'done', turnId: 't1', result: { ...result('Once upon'), transcript: 'Tell me a long story', complete: false, marks: { llmRequest: 3 } } });
    expect(store.getState().history).toEqual([{ id: 't1', at: 1_000, transcript: 'Tell me a long story', reply: 'Once upon', language: 'en', complete: false }]);
    expect(store.getState().latency[0]).toMatchObject({ turnId: 't1', kind: 'text', complete: false });
    expect(store.getState().turn).toMatchObject({ turnId: 't2', kind: 'voice' });
  });
});
