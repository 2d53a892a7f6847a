import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TALK_CONFIG, IDLE_TALK, type TalkConfig, talkStep, type TalkEffect, type TalkEvent, type TalkState } from '../../../src/shared/talk-machine';

function run(events: TalkEvent[], from: TalkState = IDLE_TALK, config: TalkConfig = DEFAULT_TALK_CONFIG): { state: TalkState; effects: TalkEffect[][] } {
  let state = from;
  const effects: TalkEffect[][] = [];
  for (const event of events) {
    const step = talkStep(state, event, config);
    state = step.state;
    effects.push(step.effects);
  }
  return { state, effects };
}

const press = (turnId: string, mode?: 'hold' | 'toggle'): TalkEvent => ({ type: 'press', turnId, mode });
const release: TalkEvent = { type: 'release' };
const speech: TalkEvent = { type: 'speechStart' };
const done = (turnId: string): TalkEvent => ({ type: 'replyDone', turnId });

describe('talk machine: push to talk', () => {
  it('a held press with speech becomes a question under the id the presser chose', () => {
    const { state, effects } = run([press('a'), speech, release]);
    expect(effects).toEqual([[{ type: 'stopPlayback' }, { type: 'listen', turnId: 'a' }], [], [{ type: 'answer', turnId: 'a', speechHeard: true }]]);
    expect(state).toMatchObject({ phase: 'answering', turnId: 'a' });
    expect(run([done('a')], state).state).toEqual(IDLE_TALK);
  });

  it('a press with no speech heard is answered only silently: if nothing is transcribed it is no turn', () => {
    const { state, effects } = run([press('a'), release]);
    expect(effects.at(-1)).toEqual([{ type: 'answer', turnId: 'a', speechHeard: false }]);
    expect(run([done('a')], state).state).toEqual(IDLE_TALK);
  });

  it('a tap while a reply is spoken interrupts it, and the tap itself ends silently', () => {
    const answering = run([press('a'), speech, release]).state;
    const { state, effects } = run([press('b'), release, done('a'), done('b')], answering);
    expect(effects[0]).toEqual([{ type: 'stopPlayback' }, { type: 'cancelTurn', turnId: 'a' }, { type: 'listen', turnId: 'b' }]);
    expect(effects[1]).toEqual([{ type: 'answer', turnId: 'b', speechHeard: false }]);
    // The interrupted turn's late 'done' changes nothing; the tap's own ends it.
    expect(effects[2]).toEqual([]);
    expect(state).toEqual(IDLE_TALK);
  });

  it('ignores a second press while held (key repeat) and a release with nothing held', () => {
    expect(run([press('a'), press('b')]).effects[1]).toEqual([]);
    expect(run([release]).effects).toEqual([[]]);
  });

  it('in toggle mode the next press ends the capture', () => {
    expect(run([press('a', 'toggle'), speech, press('b', 'toggle')]).effects.at(-1)).toEqual([{ type: 'answer', turnId: 'a', speechHeard: true }]);
  });

  it('a turn that ends while still listening (a failure) stops the capture', () => {
    expect(run([press('a'), done('a')]).effects.at(-1)).toEqual([{ type: 'stopListening', turnId: 'a' }]);
  });

  it('a typed question interrupts a reply but not a capture in progress', () => {
    const answering = run([press('a'), speech, release]).state;
    expect(talkStep(answering, { type: 'ask', turnId: 'q' }).effects).toEqual([
      { type: 'stopPlayback' },
      { type: 'cancelTurn', turnId: 'a' },
      { type: 'sendQuestion', turnId: 'q' },
    ]);
    expect(run([press('a'), { type: 'ask', turnId: 'q' }]).effects.at(-1)).toEqual([]);
  });
});

describe('talk machine: hands-free', () => {
  it('wake listens, the end of speech asks, and the reply opens a follow-up window', () => {
    const { state, effects } = run([{ type: 'wake', turnId: 'w' }, speech, { type: 'speechEnd' }, done('w')]);
    expect(effects.map((e) => e.map((x) => x.type))).toEqual([['stopPlayback', 'listen'], [], ['answer'], ['startFollowUp']]);
    expect(state.phase).toBe('followUp');
    expect(talkStep(state, { type: 'speechStart', turnId: 'f' }).effects).toEqual([
      { type: 'stopPlayback' },
      { type: 'stopFollowUp' },
      { type: 'listen', turnId: 'f' },
    ]);
    expect(talkStep(state, { type: 'followUpTimeout' })).toEqual({ state: IDLE_TALK, effects: [{ type: 'stopFollowUp' }] });
  });

  it('speaking over a hands-free reply interrupts it; over a push-to-talk reply it does not', () => {
    const handsFree = run([{ type: 'wake', turnId: 'w' }, speech, { type: 'speechEnd' }]).state;
    expect(talkStep(handsFree, { type: 'speechStart', turnId: 'n' }).effects.map((e) => e.type)).toEqual(['stopPlayback', 'cancelTurn', 'listen']);
    const held = run([press('a'), speech, release]).state;
    expect(talkStep(held, { type: 'speechStart', turnId: 'n' }).effects).toEqual([]);
  });

  it('woken with nothing said before the window closes: no turn', () => {
    expect(run([{ type: 'wake', turnId: 'w' }, { type: 'followUpTimeout' }])).toMatchObject({ state: IDLE_TALK, effects: [expect.anything(), [{ type: 'drop', turnId: 'w' }]] });
  });
});

describe('talk machine: hands-free on the stream’s time', () => {
  const wake = (atMs: number, turnId = 'w'): TalkEvent => ({ type: 'wake', turnId, atMs });
  const ended = (startMs: number, endMs: number): TalkEvent => ({ type: 'speechEnd', startMs, endMs });
  const tick = (atMs: number): TalkEvent => ({ type: 'tick', atMs });
  const types = (effects: TalkEffect[][]) => effects.map((e) => e.map((x) => x.type));

  it('answers when the question after the wake word ends, not when the wake word’s own speech does', () => {
    // the VAD segment holding "hey jarvis" closes (padded) just around the detection
    const { state, effects } = run([wake(2000), ended(1100, 2100), ended(2300, 4200)]);
    expect(types(effects)).toEqual([['stopPlayback', 'listen'], [], ['answer']]);
    expect(effects[2]).toEqual([{ type: 'answer', turnId: 'w', speechHeard: true }]);
    expect(state.phase).toBe('answering');
  });

  it('answers when the wake word and the question were said in one breath', () => {
    expect(types(run([wake(2000), ended(1100, 3900)]).effects)[1]).toEqual(['answer']);
  });

  it('gives up quietly when no question follows the wake word in time, but not on someone mid-question', () => {
    const { state, effects } = run([wake(2000), tick(6900), tick(7000)]);
    expect(effects.slice(1)).toEqual([[], [{ type: 'drop', turnId: 'w' }]]);
    expect(state).toEqual(IDLE_TALK);
    const speaking = run([wake(2000), { type: 'speechStart', turnId: 'x', atMs: 4000 }, tick(9000)]);
    expect(speaking.state.phase).toBe('listening');
  });

  it('answers a question whose end never comes (speech too short for the detector) after maxQuestionMs, leaving it to the transcript', () => {
    const { state, effects } = run([wake(2000), { type: 'speechStart', turnId: 'x', atMs: 2500 }, tick(17_499), tick(17_500)]);
    expect(effects.slice(2)).toEqual([[], [{ type: 'answer', turnId: 'w', speechHeard: false }]]);
    expect(state.phase).toBe('answering');
  });

  it('ignores speech, and its end, without the wake word while idle', () => {
    const { state, effects } = run([{ type: 'speechStart', turnId: 's', atMs: 0 }, ended(0, 3000), tick(9000)]);
    expect(effects.flat()).toEqual([]);
    expect(state).toEqual(IDLE_TALK);
  });

  it('after a reply, the next words need no wake word until the follow-up window closes', () => {
    const answering = run([wake(2000), ended(2300, 4200)]).state;
    const window = talkStep(answering, { type: 'replyDone', turnId: 'w', atMs: 10_000 }).state;
    expect(window).toMatchObject({ phase: 'followUp', deadlineMs: 16_000 });
    const asked = run([{ type: 'speechStart', turnId: 'f', atMs: 11_000 }, ended(10_900, 12_500)], window);
    expect(types(asked.effects)).toEqual([['stopPlayback', 'stopFollowUp', 'listen'], ['answer']]);
    const late = run([tick(15_999), tick(16_000), { type: 'speechStart', turnId: 'f', atMs: 16_500 }], window);
    expect(types(late.effects)).toEqual([[], ['stopFollowUp'], []]);
    expect(late.state).toEqual(IDLE_TALK);
  });

  it('with follow-ups set to 0 s: no window after the reply, and speech over a reply does not interrupt it', () => {
    const off = { ...DEFAULT_TALK_CONFIG, followUpMs: 0 };
    const answering = run([wake(2000), ended(2300, 4200)], IDLE_TALK, off).state;
    expect(talkStep(answering, { type: 'speechStart', turnId: 'n', atMs: 5000 }, off).effects).toEqual([]);
    expect(talkStep(answering, { type: 'replyDone', turnId: 'w', atMs: 9000 }, off)).toEqual({ state: IDLE_TALK, effects: [] });
    // the wake word still barges in
    expect(types([talkStep(answering, wake(9000, 'v'), off).effects])).toEqual([['stopPlayback', 'cancelTurn', 'listen']]);
  });

  it('speaking over a hands-free reply stops it and listens from that moment: a spoken barge-in', () => {
    const answering = run([wake(2000), ended(2300, 4200)]).state;
    const step = talkStep(answering, { type: 'speechStart', turnId: 'b', atMs: 5000 });
    expect(step.effects).toEqual([{ type: 'stopPlayback' }, { type: 'cancelTurn', turnId: 'w' }, { type: 'listen', turnId: 'b' }]);
    expect(step.state).toMatchObject({ phase: 'listening', turnId: 'b', speech: true, sinceMs: 5000, deadlineMs: 20_000 });
  });

  it('drops whatever turn is in flight when the microphone is paused', () => {
    const answering = run([wake(2000), ended(2300, 4200)]).state;
    expect(talkStep(answering, { type: 'cancel' }).effects).toEqual([{ type: 'stopPlayback' }, { type: 'cancelTurn', turnId: 'w' }]);
    expect(talkStep(run([wake(2000)]).state, { type: 'cancel' }).effects).toEqual([{ type: 'stopPlayback' }, { type: 'drop', turnId: 'w' }]);
  });
});

describe('talk machine: watching turns begun elsewhere', () => {
  it('a turn begun in the window is ended by the next press here, and a press over its reply interrupts it', () => {
    const listening = run([{ type: 'observed', turnId: 'x', state: 'listening' }]).state;
    expect(talkStep(listening, press('h', 'toggle')).effects).toEqual([{ type: 'answer', turnId: 'x', speechHeard: true }]);
    const speaking = run([{ type: 'observed', turnId: 'x', state: 'speaking' }]).state;
    expect(talkStep(speaking, press('h')).effects).toContainEqual({ type: 'cancelTurn', turnId: 'x' });
    expect(run([{ type: 'observed', turnId: 'x', state: 'idle' }], speaking).state).toEqual(IDLE_TALK);
  });

  it('a late report about an older turn does not take the floor from our newer capture', () => {
    const ours = run([press('new')]).state;
    expect(run([{ type: 'observed', turnId: 'old', state: 'speaking' }, { type: 'observed', turnId: 'old', state: 'idle' }], ours).state).toEqual(ours);
  });
});

// Random sequences of everything a person, the voice detector and main can do, in any order.
const ids = fc.constantFrom('t1', 't2', 't3', 't4');
const times = fc.integer({ min: 0, max: 30_000 });
const eventArb: fc.Arbitrary<TalkEvent> = fc.oneof(
  fc.record({ type: fc.constant('press' as const), turnId: ids, mode: fc.constantFrom<'hold' | 'toggle' | undefined>('hold', 'toggle', undefined) }),
  fc.constant({ type: 'release' as const }),
  fc.record({ type: fc.constant('ask' as const), turnId: ids }),
  fc.record({ type: fc.constant('speechStart' as const), turnId: fc.option(ids, { nil: undefined }), atMs: fc.option(times, { nil: undefined }) }),
  fc.constant({ type: 'speechEnd' as const }),
  fc.record({ type: fc.constant('speechEnd' as const), startMs: times, endMs: times }),
  fc.record({ type: fc.constant('wake' as const), turnId: ids, atMs: fc.option(times, { nil: undefined }) }),
  fc.constant({ type: 'followUpTimeout' as const }),
  fc.record({ type: fc.constant('tick' as const), atMs: times }),
  fc.constant({ type: 'cancel' as const }),
  fc.record({ type: fc.constant('replyDone' as const), turnId: ids, atMs: fc.option(times, { nil: undefined }) }),
  fc.record({ type: fc.constant('observed' as const), turnId: ids, state: fc.constantFrom('idle' as const, 'listening' as const, 'transcribing' as const, 'thinking' as const, 'speaking' as const) }),
);

/** The turns the effects have started and not yet ended, as the side carrying them out sees them. */
class OpenTurns {
  readonly open = new Set<string>();
  apply(effects: TalkEffect[]): void {
    for (const effect of effects) {
      if (effect.type === 'listen' || effect.type === 'sendQuestion') {
        expect(this.open, `turn ${effect.turnId} starts while another is open`).toEqual(new Set());
        this.open.add(effect.turnId);
      }
      if (effect.type === 'cancelTurn' || effect.type === 'drop' || effect.type === 'stopListening') this.open.delete(effect.turnId);
    }
  }
  ended(turnId: string): void {
    this.open.delete(turnId);
  }
}

function replay(events: TalkEvent[]): { state: TalkState; turns: OpenTurns } {
  let state = IDLE_TALK;
  const turns = new OpenTurns();
  for (const event of events) {
    // Main only reports the end of a turn it is working on: the one the machine is tracking.
    if (event.type === 'replyDone' || (event.type === 'observed' && event.state === 'idle')) turns.ended(event.turnId);
    const step = talkStep(state, event);
    turns.apply(step.effects);
    state = step.state;
    // Listening or answering is always about one named turn; idle and the follow-up window about none.
    expect(state.turnId === null).toBe(state.phase === 'idle' || state.phase === 'followUp');
  }
  return { state, turns };
}

describe('talk machine: properties over random event sequences', () => {
  const sequences = fc.array(eventArb, { maxLength: 40 });

  it('never has two turns at once: a turn starts only after the previous one was cancelled, dropped or ended', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        const { state, turns } = replay(events.filter((e) => e.type !== 'observed'));
        expect(turns.open.size).toBeLessThanOrEqual(1);
        if (turns.open.size === 1) expect([...turns.open][0]).toBe(state.turnId);
      }),
      { numRuns: 500 },
    );
  });

  it('every turn ends: releasing, the reply coming back and the window closing always lead to idle with no turn open', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        const { state, turns } = replay(events.filter((e) => e.type !== 'observed'));
        const tail: TalkEvent[] = [{ type: 'speechEnd' }, release, { type: 'followUpTimeout' }];
        let s = run(tail, state).state;
        const after = run(tail, state).effects.flat();
        turns.apply(after);
        if (s.turnId !== null) {
          turns.ended(s.turnId);
          s = talkStep(s, done(s.turnId)).state;
        }
        s = talkStep(s, { type: 'followUpTimeout' }).state;
        expect(s).toEqual(IDLE_TALK);
        expect(turns.open.size).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('a cancel always reaches idle and ends the turn in progress, whatever came before (watched turns too)', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        const before = run(events).state;
        const { state, effects } = talkStep(before, { type: 'cancel' });
        expect(state).toEqual(IDLE_TALK);
        expect(effects[0]).toEqual({ type: 'stopPlayback' });
        if (before.turnId !== null) expect(effects).toContainEqual(expect.objectContaining({ turnId: before.turnId }));
      }),
      { numRuns: 500 },
    );
  });

  it('a hands-free wait on the stream’s time always closes: a capture or an unused follow-up window ends by a later tick', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        const { state } = run(events.filter((e) => e.type !== 'observed'));
        const later = talkStep(state, { type: 'tick', atMs: 1_000_000 }).state;
        if (state.deadlineMs !== null) expect(later.phase === 'idle' || later.phase === 'answering').toBe(true);
        // a wait with a deadline is only ever a hands-free capture or the follow-up window
        if (state.deadlineMs !== null) expect((state.phase === 'listening' && state.mode === 'handsFree') || state.phase === 'followUp').toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a capture is answered aloud only when speech was heard in it; otherwise only silently', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        let state = IDLE_TALK;
        for (const event of events) {
          const step = talkStep(state, event);
          // heard: the detector said speech began, or (on the stream's time) a long enough stretch of it ended
          const heard = state.speech || event.type === 'speechStart' || (event.type === 'speechEnd' && event.endMs !== undefined);
          // a question cut off by maxQuestionMs is left to the transcript: never answered aloud on its own
          for (const effect of step.effects) if (effect.type === 'answer') expect(effect.speechHeard).toBe(event.type !== 'tick' && heard);
          state = step.state;
        }
      }),
      { numRuns: 500 },
    );
  });
});
