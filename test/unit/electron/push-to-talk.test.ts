import { describe, expect, it } from 'vitest';
import { PushToTalkController } from '../../../src/main/electron/push-to-talk-controller';
import { INITIAL_PUSH_TO_TALK, pushToTalk, type PushToTalkEvent, type PushToTalkState } from '../../../src/main/electron/push-to-talk';
import type { HotkeyEvent } from '../../../src/shared/contract';
import type { TurnState } from '../../../src/shared/turn';

function run(events: PushToTalkEvent[], from: PushToTalkState = INITIAL_PUSH_TO_TALK) {
  let state = from;
  const actions: string[][] = [];
  for (const event of events) {
    const step = pushToTalk(state, event);
    state = step.state;
    actions.push(step.actions);
  }
  return { state, actions };
}

const assistant = (state: TurnState, turnId = 't1'): PushToTalkEvent => ({ type: 'assistant', event: { type: 'state', turnId, state } });
const down: PushToTalkEvent = { type: 'keyDown' };
const up: PushToTalkEvent = { type: 'keyUp' };
const press: PushToTalkEvent = { type: 'press', source: 'hotkey' };

describe('push-to-talk: hold mode', () => {
  it('begins on key-down and ends on key-up', () => {
    expect(run([down, up]).actions).toEqual([['begin'], ['end']]);
  });

  it('ignores auto-repeated key-downs while the key is held', () => {
    const { actions, state } = run([down, down, down, assistant('listening'), down, up]);
    expect(actions).toEqual([['begin'], [], [], [], [], ['end']]);
    expect(state.phase).toBe('idle');
  });

  it('ignores a key-up without a key-down (the app started with the key held)', () => {
    expect(run([up]).actions).toEqual([[]]);
  });

  it('barges in while the assistant speaks or thinks: cancel, then begin', () => {
    expect(run([assistant('speaking', 'old'), down]).actions.at(-1)).toEqual(['cancel', 'begin']);
    expect(run([assistant('thinking', 'old'), down]).actions.at(-1)).toEqual(['cancel', 'begin']);
    expect(run([assistant('idle', 'old'), down]).actions.at(-1)).toEqual(['begin']);
  });

  it('is not confused by the cancelled turn going idle after a barge-in', () => {
    const { state, actions } = run([assistant('speaking', 'old'), down, assistant('idle', 'old'), assistant('listening', 'new'), up]);
    expect(actions.at(-1)).toEqual(['end']);
    expect(state.phase).toBe('idle');
  });
});

describe('push-to-talk: toggle mode', () => {
  it('begins on one press and ends on the next', () => {
    expect(run([press, assistant('listening'), press]).actions).toEqual([['begin'], [], ['end']]);
  });

  it('forgets its press when the turn stopped listening some other way (Talk button, error)', () => {
    const { state, actions } = run([press, assistant('listening', 't1'), assistant('transcribing', 't1'), assistant('thinking', 't1'), press]);
    expect(state.phase).toBe('toggled');
    expect(actions.at(-1)).toEqual(['cancel', 'begin']);
  });

  it("the tray's Stop talking ends a capture begun in the window, and the hotkey works after it", () => {
    const tray: PushToTalkEvent = { type: 'press', source: 'tray' };
    // Talk held in the window: the assistant listens to a turn the hotkey did not start.
    const { state, actions } = run([assistant('listening', 'w1'), tray, assistant('transcribing', 'w1'), assistant('idle', 'w1'), down, up]);
    expect(actions).toEqual([[], ['end'], [], [], ['begin'], ['end']]);
    expect(state.phase).toBe('idle');
  });

  it('barges in on a press while the assistant speaks', () => {
    expect(run([assistant('speaking', 'old'), press]).actions).toEqual([[], ['cancel', 'begin']]);
  });
});

describe('push-to-talk: pause', () => {
  it('ignores the hotkey while paused and works again after', () => {
    const paused = run([{ type: 'pause', paused: true }, down, up, press]);
    expect(paused.actions).toEqual([[], [], [], []]);
    expect(run([down, up], paused.state).actions).toEqual([[], []]);
    expect(run([{ type: 'pause', paused: false }, down], paused.state).actions).toEqual([[], ['begin']]);
  });

  it('ends a capture in progress when paused', () => {
    expect(run([down, { type: 'pause', paused: true }, up]).actions).toEqual([['begin'], ['end'], []]);
  });

  it("still lets the tray's Talk work while the hotkey is paused", () => {
    expect(run([{ type: 'pause', paused: true }, { type: 'press', source: 'tray' }]).actions).toEqual([[], ['begin']]);
  });
});

describe('push-to-talk controller', () => {
  it('tells the renderer pressed/released and cancels the turn here on barge-in', () => {
    const told: HotkeyEvent[] = [];
    let cancelled = 0;
    // Like the real assistant, cancelling reports the old turn idle at once (a re-entrant event).
    const controller: PushToTalkController = new PushToTalkController({
      tellRenderer: (e) => told.push(e),
      cancelTurn: () => {
        cancelled += 1;
        controller.handle(assistant('idle', 'old'));
      },
    });
    controller.handle(assistant('speaking', 'old'));
    controller.handle(down);
    controller.handle(down);
    expect(controller.current.phase).toBe('holding');
    controller.handle(up);
    controller.handle({ type: 'press', source: 'tray' });
    expect(cancelled).toBe(1);
    expect(told).toEqual([
      { action: 'pressed', source: 'hotkey' },
      { action: 'released', source: 'hotkey' },
      { action: 'pressed', source: 'tray' },
    ]);
  });
});
