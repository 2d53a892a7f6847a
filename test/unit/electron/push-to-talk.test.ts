import { describe, expect, it } from 'vitest';
import { PushToTalkController } from '../../../src/main/electron/push-to-talk-controller';
import { INITIAL_PUSH_TO_TALK, pushToTalk, type PushToTalkAction, type PushToTalkEvent, type PushToTalkState } from '../../../src/main/electron/push-to-talk';
import type { HotkeyEvent } from '../../../src/shared/contract';
import type { TurnState } from '../../../src/shared/turn';

const text = (a: PushToTalkAction) => (a.type === 'end' ? 'end' : `${a.type} ${a.turnId}`);

/** Steps the events; a press or key-down that begins a turn names it k1, k2, … */
function run(events: PushToTalkEvent[], from: PushToTalkState = INITIAL_PUSH_TO_TALK) {
  let state = from;
  let ids = 0;
  const actions: string[][] = [];
  for (const event of events) {
    const step = pushToTalk(state, event, `k${ids + 1}`);
    if (step.actions.some((a) => a.type === 'begin')) ids++;
    state = step.state;
    actions.push(step.actions.map(text));
  }
  return { state, actions };
}

const assistant = (state: TurnState, turnId = 'k1'): PushToTalkEvent => ({ type: 'assistant', event: { type: 'state', turnId, state } });
const down: PushToTalkEvent = { type: 'keyDown' };
const up: PushToTalkEvent = { type: 'keyUp' };
const press: PushToTalkEvent = { type: 'press', source: 'hotkey' };

describe('push-to-talk: hold mode', () => {
  it('begins a turn it names on key-down and ends it on key-up', () => {
    expect(run([down, up]).actions).toEqual([['begin k1'], ['end']]);
  });

  it('ignores auto-repeated key-downs while the key is held', () => {
    const { actions, state } = run([down, down, down, assistant('listening'), down, up]);
    expect(actions).toEqual([['begin k1'], [], [], [], [], ['end']]);
    expect(state.phase).toBe('idle');
  });

  it('ignores a key-up without a key-down (the app started with the key held)', () => {
    expect(run([up]).actions).toEqual([[]]);
  });

  it('barges in while the assistant speaks or thinks: cancel that turn, then begin', () => {
    expect(run([assistant('speaking', 'old'), down]).actions.at(-1)).toEqual(['cancel old', 'begin k1']);
    expect(run([assistant('thinking', 'old'), down]).actions.at(-1)).toEqual(['cancel old', 'begin k1']);
    expect(run([assistant('speaking', 'old'), assistant('idle', 'old'), down]).actions.at(-1)).toEqual(['begin k1']);
  });

  it('is not confused by the cancelled turn going idle after a barge-in', () => {
    const { state, actions } = run([assistant('speaking', 'old'), down, assistant('idle', 'old'), assistant('listening', 'k1'), up]);
    expect(actions.at(-1)).toEqual(['end']);
    expect(state.phase).toBe('idle');
  });

  it('a key held while the window itself listens begins nothing, and its key-up ends nothing', () => {
    expect(run([assistant('listening', 'w1'), down, up]).actions).toEqual([[], [], []]);
  });
});

describe('push-to-talk: toggle mode', () => {
  it('begins on one press and ends on the next', () => {
    expect(run([press, assistant('listening'), press]).actions).toEqual([['begin k1'], [], ['end']]);
  });

  it('forgets its press when the turn stopped listening some other way (Talk button, error)', () => {
    const { state, actions } = run([press, assistant('listening', 'k1'), assistant('transcribing', 'k1'), assistant('thinking', 'k1'), press]);
    expect(state.phase).toBe('toggled');
    expect(actions.at(-1)).toEqual(['cancel k1', 'begin k2']);
  });

  it("the tray's Stop talking ends a capture begun in the window, and the hotkey works after it", () => {
    const tray: PushToTalkEvent = { type: 'press', source: 'tray' };
    // Talk held in the window: the assistant listens to a turn the hotkey did not start.
    const { state, actions } = run([assistant('listening', 'w1'), tray, assistant('transcribing', 'w1'), assistant('idle', 'w1'), down, up]);
    expect(actions).toEqual([[], ['end'], [], [], ['begin k1'], ['end']]);
    expect(state.phase).toBe('idle');
  });

  it('barges in on a press while the assistant speaks', () => {
    expect(run([assistant('speaking', 'old'), press]).actions).toEqual([[], ['cancel old', 'begin k1']]);
  });
});

describe('push-to-talk: pause', () => {
  it('ignores the hotkey while paused and works again after', () => {
    const paused = run([{ type: 'pause', paused: true }, down, up, press]);
    expect(paused.actions).toEqual([[], [], [], []]);
    expect(run([down, up], paused.state).actions).toEqual([[], []]);
    expect(run([{ type: 'pause', paused: false }, down], paused.state).actions).toEqual([[], ['begin k1']]);
  });

  it('ends a capture in progress when paused', () => {
    expect(run([down, { type: 'pause', paused: true }, up]).actions).toEqual([['begin k1'], ['end'], []]);
  });

  it("still lets the tray's Talk work while the hotkey is paused", () => {
    expect(run([{ type: 'pause', paused: true }, { type: 'press', source: 'tray' }]).actions).toEqual([[], ['begin k1']]);
  });
});

describe('push-to-talk controller', () => {
  it('tells the renderer pressed (with the turn id it chose) and released, and cancels the interrupted turn here', () => {
    const told: HotkeyEvent[] = [];
    const cancelled: string[] = [];
    let ids = 0;
    // Like the real assistant, cancelling reports the old turn idle at once (a re-entrant event).
    const controller: PushToTalkController = new PushToTalkController({
      tellRenderer: (e) => told.push(e),
      cancelTurn: (turnId) => {
        cancelled.push(turnId);
        controller.handle(assistant('idle', turnId));
      },
      newId: () => `id${++ids}`,
    });
    controller.handle(assistant('speaking', 'old'));
    controller.handle(down);
    controller.handle(down);
    expect(controller.current.phase).toBe('holding');
    controller.handle(up);
    controller.handle({ type: 'press', source: 'tray' });
    // The tray's press interrupts the story and then the hotkey's own turn, still being answered.
    expect(cancelled).toEqual(['old', 'id1']);
    expect(told).toEqual([
      { action: 'pressed', source: 'hotkey', turnId: 'id1' },
      { action: 'released', source: 'hotkey' },
      { action: 'pressed', source: 'tray', turnId: expect.stringMatching(/^id/) },
    ]);
    expect(told[2]?.turnId).not.toBe('id1');
  });
});
