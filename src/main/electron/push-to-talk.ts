// The push-to-talk state machine (after Handy's): a pure function from (state, event)
// to (state, actions). Hold mode: key down begins, key up ends, auto-repeat key-downs are ignored.
// Toggle mode (and the tray's Talk): one press begins, the next ends. Pressing while the assistant
// thinks or speaks barges in: cancel, then begin. While paused, the hotkey does nothing (the tray's
// Talk still works). A press while the window itself is listening ends that capture.
import type { TurnEvent, TurnState } from '../../shared/turn';

export type PushToTalkAction = 'begin' | 'end' | 'cancel';

export interface PushToTalkState {
  /** idle: not capturing; holding: the key is held (hold mode); toggled: capturing until the next press. */
  phase: 'idle' | 'holding' | 'toggled';
  paused: boolean;
  /** The assistant's latest state, to know when a press is a barge-in. */
  assistant: TurnState;
  /** The turn our press started, once the assistant reports it listening. */
  turnId: string | null;
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

export const INITIAL_PUSH_TO_TALK: PushToTalkState = { phase: 'idle', paused: false, assistant: 'idle', turnId: null };

const BUSY: ReadonlySet<TurnState> = new Set(['transcribing', 'thinking', 'speaking']);

function start(state: PushToTalkState, phase: 'holding' | 'toggled'): PushToTalkStep {
  const actions: PushToTalkAction[] = BUSY.has(state.assistant) ? ['cancel', 'begin'] : ['begin'];
  return { state: { ...state, phase, turnId: null }, actions };
}

function stop(state: PushToTalkState): PushToTalkStep {
  return { state: { ...state, phase: 'idle', turnId: null }, actions: ['end'] };
}

function onAssistant(state: PushToTalkState, event: TurnEvent): PushToTalkStep {
  if (event.type !== 'state') return { state, actions: [] };
  const next = { ...state, assistant: event.state };
  if (state.phase === 'idle') return { state: next, actions: [] };
  if (event.state === 'listening') return { state: { ...next, turnId: event.turnId }, actions: [] };
  // Our turn stopped listening without us (the Talk button, an error, a cancel): forget the press.
  if (state.turnId === event.turnId) return { state: { ...next, phase: 'idle', turnId: null }, actions: [] };
  return { state: next, actions: [] };
}

export function pushToTalk(state: PushToTalkState, event: PushToTalkEvent): PushToTalkStep {
  const none = { state, actions: [] };
  switch (event.type) {
    case 'assistant':
      return onAssistant(state, event.event);
    case 'pause': {
      if (event.paused === state.paused) return none;
      const paused = { ...state, paused: event.paused };
      return event.paused && state.phase !== 'idle' ? stop(paused) : { state: paused, actions: [] };
    }
    case 'keyDown':
      if (state.paused || state.phase !== 'idle') return none; // holding: auto-repeat
      return start(state, 'holding');
    case 'keyUp':
      return !state.paused && state.phase === 'holding' ? stop(state) : none;
    case 'press':
      if ((state.paused && event.source === 'hotkey') || state.phase === 'holding') return none;
      if (state.phase === 'toggled') return stop(state);
      // Listening to a turn begun in the window (its Talk button or Space): this press is the tray's
      // "Stop talking" (or the hotkey pressed to finish), so it ends that capture.
      if (state.assistant === 'listening') return { state, actions: ['end'] };
      return start(state, 'toggled');
  }
}
