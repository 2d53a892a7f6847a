// The global hotkey's key handling, in front of the shared talk machine: a pure function from
// (state, event) to (state, actions). It only turns keys into talk events — hold mode: key down
// presses, key up releases, auto-repeated key-downs are ignored; toggle mode (and the tray's Talk):
// one press begins, the next ends; while paused the hotkey does nothing (the tray's Talk still
// works) and a capture it began ends. Whether a press interrupts a reply, and whether it ends a
// capture begun in the window, is the talk machine's decision, fed with the assistant's turn states.
import { IDLE_TALK, talkStep, type TalkEffect, type TalkEvent, type TalkState } from '../../shared/talk-machine';
import type { TurnEvent } from '../../shared/turn';

/** begin: tell the renderer to capture a turn with this id; end: to stop; cancel: stop this turn here at once. */
export type PushToTalkAction = { type: 'begin'; turnId: string } | { type: 'end' } | { type: 'cancel'; turnId: string };

export interface PushToTalkState {
  /** idle: the hotkey began no capture; holding: the key is held (hold mode); toggled: capturing until the next press. */
  phase: 'idle' | 'holding' | 'toggled';
  paused: boolean;
  /** The talk flow as this side sees it: its own presses and the assistant's turn states. */
  talk: TalkState;
}

export type PushToTalkEvent =
  | { type: 'keyDown' }
  | { type: 'keyUp' }
  | { type: 'press'; source: 'hotkey' | 'tray' }
  | { type: 'pause'; paused: boolean }
  | { type: 'assistant'; event: TurnEvent };

export interface PushToTalkStep {
  state: PushToTalkState;
  actions: PushToTalkAction[];
}

export const INITIAL_PUSH_TO_TALK: PushToTalkState = { phase: 'idle', paused: false, talk: IDLE_TALK };

/** What main carries out itself: the renderer owns the microphone and the speaker. */
function actionFor(effect: TalkEffect): PushToTalkAction | null {
  switch (effect.type) {
    case 'listen':
      return { type: 'begin', turnId: effect.turnId };
    case 'answer':
    case 'drop':
      // The renderer heard (or did not hear) the speech, so it decides between the two itself.
      return { type: 'end' };
    case 'cancelTurn':
      return { type: 'cancel', turnId: effect.turnId };
    default:
      return null;
  }
}

function talk(state: PushToTalkState, event: TalkEvent, phase: PushToTalkState['phase']): PushToTalkStep {
  const step = talkStep(state.talk, event);
  const actions = step.effects.map(actionFor).filter((a): a is PushToTalkAction => a !== null);
  return { state: { ...state, talk: step.state, phase }, actions };
}

/** A press holds or toggles a capture only when it began one (it may end the window's capture instead). */
function pressed(state: PushToTalkState, event: TalkEvent, phase: 'holding' | 'toggled'): PushToTalkStep {
  const step = talk(state, event, phase);
  return step.actions.some((a) => a.type === 'begin') ? step : { ...step, state: { ...step.state, phase: 'idle' } };
}

/** newTurnId: the id a turn begun by this event takes (main's hotkey starts it, so main names it). */
export function pushToTalk(state: PushToTalkState, event: PushToTalkEvent, newTurnId: string): PushToTalkStep {
  const none = { state, actions: [] };
  switch (event.type) {
    case 'assistant': {
      if (event.event.type !== 'state') return none;
      const step = talk(state, { type: 'observed', turnId: event.event.turnId, state: event.event.state }, state.phase);
      // Our capture stopped listening without us (the Talk button, an error, a cancel): forget the
      // toggle, so the next press begins again. A held key stays held until it comes up.
      const forget = state.phase === 'toggled' && step.state.talk.phase !== 'listening';
      return forget ? { ...step, state: { ...step.state, phase: 'idle' } } : step;
    }
    case 'pause': {
      if (event.paused === state.paused) return none;
      const paused = { ...state, paused: event.paused };
      return event.paused && state.phase !== 'idle' ? talk(paused, { type: 'release' }, 'idle') : { state: paused, actions: [] };
    }
    case 'keyDown':
      if (state.paused || state.phase !== 'idle') return none; // holding: auto-repeat
      return pressed(state, { type: 'press', turnId: newTurnId, mode: 'hold' }, 'holding');
    case 'keyUp':
      return !state.paused && state.phase === 'holding' ? talk(state, { type: 'release' }, 'idle') : none;
    case 'press':
      if ((state.paused && event.source === 'hotkey') || state.phase === 'holding') return none;
      if (state.phase === 'toggled') return talk(state, { type: 'press', turnId: newTurnId, mode: 'toggle' }, 'idle');
      return pressed(state, { type: 'press', turnId: newTurnId, mode: 'toggle' }, 'toggled');
  }
}
