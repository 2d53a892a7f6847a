import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDLE_TALK, talkStep, type TalkEffect, type TalkEvent, type TalkState } from '../../../src/shared/talk-machine';

function run(events: TalkEvent[], from: TalkState = IDLE_TALK): { state: TalkState; effects: TalkEffect[][] } {
  let state = from;
  const effects: TalkEffect[][] = [];
  for (const event of events) {
    const step = talkStep(state, event);
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
const eventArb: fc.Arbitrary<TalkEvent> = fc.oneof(
  fc.record({ type: fc.constant('press' as const), turnId: ids, mode: fc.constantFrom<'hold' | 'toggle' | undefined>('hold', 'toggle', undefined) }),
  fc.constant({ type: 'release' as const }),
  fc.record({ type: fc.constant('ask' as const), turnId: ids }),
  fc.record({ type: fc.constant('speechStart' as const), turnId: fc.option(ids, { nil: undefined }) }),
  fc.constant({ type: 'speechEnd' as const }),
  fc.record({ type: fc.constant('wake' as const), turnId: ids }),
  fc.constant({ type: 'followUpTimeout' as const }),
  fc.constant({ type: 'cancel' as const }),
  fc.record({ type: fc.constant('replyDone' as const), turnId: ids }),
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

  it('a capture is answered aloud only when speech was heard in it; otherwise only silently', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        let state = IDLE_TALK;
        for (const event of events) {
          const step = talkStep(state, event);
          for (const effect of step.effects) if (effect.type === 'answer') expect(effect.speechHeard).toBe(state.speech || event.type === 'speechStart');
          state = step.state;
        }
      }),
      { numRuns: 500 },
    );
  });
});
