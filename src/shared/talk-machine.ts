// The talk flow as one pure state machine: (state, event) → (state, effects). It is the only place
// that decides whether a press interrupts a reply, whether a capture with no speech heard may end
// silently, and when a hands-free conversation listens again. Main (the global hotkey), the renderer (Talk,
// Space, typed questions) and the tests all step the same function; each side carries out the
// effects it can (the renderer owns the microphone and the speaker, main owns the turns).
//
// The side that starts a turn picks its id and passes it in the event (press, wake, ask, a
// follow-up's speechStart), so nobody has to adopt an id after the fact.
//
// Events
//   press {turnId, mode}   Talk/Space/hotkey went down. mode 'hold' (default): release ends the
//                          capture and a second press is a key repeat; 'toggle': the next press ends it.
//   release                the key or button went up.
//   ask {turnId}           a typed question.
//   speechStart {turnId?}  the voice detector heard speech. While listening it marks the capture
//                          as holding speech; in a hands-free conversation (follow-up window, or a
//                          reply being spoken) it begins a turn under turnId, interrupting a reply.
//   speechEnd              the voice detector heard the speech stop: hands-free, that ends the question.
//   wake {turnId}          the wake word: begins a hands-free turn, interrupting a reply.
//   followUpTimeout        the hands-free window (after the wake word, or after a reply) closed
//                          with nothing said.
//   cancel                 stop everything (Escape, Stop, the page going away).
//   replyDone {turnId}     main finished that turn (answered, failed or cancelled).
//   observed {turnId, state}  for a side that watches turns it did not start (main's hotkey sees
//                          turns begun in the window): the assistant reported this state.
//
// Effects, in the order they must be carried out
//   stopPlayback           silence whatever is being played, at once.
//   cancelTurn {turnId}    cancel a turn being answered; it stays in the conversation, cut short.
//   drop {turnId}          stop capturing and cancel the turn silently: it is no turn at all —
//                          nothing shown, spoken or recorded.
//   stopListening {turnId} stop capturing: the turn ended from elsewhere (a failure, main cancelled).
//   listen {turnId}        start capturing for a new turn with this id.
//   answer {turnId, speechHeard}  stop capturing and answer what was said. Without speechHeard
//                          (a tap, or speech too short or too late for the detector) the turn
//                          ends silently, as no turn, if speech-to-text hears nothing either; the
//                          transcript, not the detector alone, decides, so a short word is not lost.
//   sendQuestion {turnId}  send the typed question as a new turn with this id.
//   startFollowUp          keep the microphone open for a follow-up question (hands-free).
//   stopFollowUp           close the follow-up window.
import type { TurnState } from './turn';

export type TalkMode = 'hold' | 'toggle' | 'handsFree';

export interface TalkState {
  /** idle; listening: capturing a question; answering: main works on or speaks the turn; followUp: hands-free window open. */
  phase: 'idle' | 'listening' | 'answering' | 'followUp';
  /** The turn listening or being answered (null when idle or in the follow-up window). */
  turnId: string | null;
  /** How the capture began (null unless listening). */
  mode: TalkMode | null;
  /** The voice detector heard speech during this capture. */
  speech: boolean;
  /** The turn belongs to a hands-free conversation, which listens again after the reply. */
  handsFree: boolean;
}

export type TalkEvent =
  | { type: 'press'; turnId: string; mode?: 'hold' | 'toggle' }
  | { type: 'release' }
  | { type: 'ask'; turnId: string }
  | { type: 'speechStart'; turnId?: string }
  | { type: 'speechEnd' }
  | { type: 'wake'; turnId: string }
  | { type: 'followUpTimeout' }
  | { type: 'cancel' }
  | { type: 'replyDone'; turnId: string }
  | { type: 'observed'; turnId: string; state: TurnState };

export type TalkEffect =
  | { type: 'stopPlayback' }
  | { type: 'cancelTurn'; turnId: string }
  | { type: 'drop'; turnId: string }
  | { type: 'stopListening'; turnId: string }
  | { type: 'listen'; turnId: string }
  | { type: 'answer'; turnId: string; speechHeard: boolean }
  | { type: 'sendQuestion'; turnId: string }
  | { type: 'startFollowUp' }
  | { type: 'stopFollowUp' };

export interface TalkStep {
  state: TalkState;
  effects: TalkEffect[];
}

export const IDLE_TALK: TalkState = { phase: 'idle', turnId: null, mode: null, speech: false, handsFree: false };

const stay = (state: TalkState): TalkStep => ({ state, effects: [] });

/** What must stop before something new starts: the reply being answered, or the follow-up window. */
function interrupt(state: TalkState): TalkEffect[] {
  if (state.phase === 'answering' && state.turnId !== null) return [{ type: 'cancelTurn', turnId: state.turnId }];
  if (state.phase === 'followUp') return [{ type: 'stopFollowUp' }];
  return [];
}

function beginListening(state: TalkState, turnId: string, mode: TalkMode, speech: boolean): TalkStep {
  return {
    state: { phase: 'listening', turnId, mode, speech, handsFree: mode === 'handsFree' },
    effects: [{ type: 'stopPlayback' }, ...interrupt(state), { type: 'listen', turnId }],
  };
}

/** The capture ends: answered, silently dropped by main if nothing was heard there either. */
function endListening(state: TalkState): TalkStep {
  const turnId = state.turnId as string;
  return { state: { ...state, phase: 'answering', mode: null }, effects: [{ type: 'answer', turnId, speechHeard: state.speech }] };
}

function turnEnded(state: TalkState, turnId: string): TalkStep {
  if (state.turnId !== turnId) return stay(state);
  if (state.phase === 'listening') return { state: IDLE_TALK, effects: [{ type: 'stopListening', turnId }] };
  if (state.handsFree) return { state: { ...IDLE_TALK, phase: 'followUp', handsFree: true }, effects: [{ type: 'startFollowUp' }] };
  return { state: IDLE_TALK, effects: [] };
}

function cancel(state: TalkState): TalkStep {
  const effects: TalkEffect[] = [{ type: 'stopPlayback' }];
  if (state.phase === 'listening' && state.turnId !== null) effects.push({ type: 'drop', turnId: state.turnId });
  else effects.push(...interrupt(state));
  return { state: IDLE_TALK, effects };
}

/** A turn reported by the assistant that this side may not have started (watchers only). */
function observed(state: TalkState, turnId: string, turnState: TurnState): TalkStep {
  if (turnState === 'idle') return turnEnded(state, turnId);
  if (state.turnId === turnId) {
    return turnState === 'listening' || state.phase === 'answering' ? stay(state) : { state: { ...state, phase: 'answering', mode: null }, effects: [] };
  }
  // Our own newer capture owns the floor; a late report about an older turn changes nothing.
  if (state.phase === 'listening') return stay(state);
  // Begun elsewhere (the window's Talk button): whoever captures decides whether speech was heard,
  // and the next press here ends that capture.
  if (turnState === 'listening') return { state: { phase: 'listening', turnId, mode: 'toggle', speech: true, handsFree: false }, effects: [] };
  return { state: { phase: 'answering', turnId, mode: null, speech: true, handsFree: false }, effects: [] };
}

export function talkStep(state: TalkState, event: TalkEvent): TalkStep {
  switch (event.type) {
    case 'press': {
      const mode = event.mode ?? 'hold';
      if (state.phase !== 'listening') return beginListening(state, event.turnId, mode, false);
      // Toggle: this press is the one that ends the capture. Hold: a key repeat or a second input.
      return mode === 'toggle' && state.mode !== 'handsFree' ? endListening(state) : stay(state);
    }
    case 'release':
      return state.phase === 'listening' && state.mode !== 'handsFree' ? endListening(state) : stay(state);
    case 'ask':
      if (state.phase === 'listening') return stay(state);
      return {
        state: { phase: 'answering', turnId: event.turnId, mode: null, speech: true, handsFree: false },
        effects: [{ type: 'stopPlayback' }, ...interrupt(state), { type: 'sendQuestion', turnId: event.turnId }],
      };
    case 'speechStart':
      if (state.phase === 'listening') return state.speech ? stay(state) : { state: { ...state, speech: true }, effects: [] };
      // Hands-free: speaking during the follow-up window or over the reply begins the next question.
      if (state.handsFree && event.turnId !== undefined && (state.phase === 'followUp' || state.phase === 'answering')) {
        return beginListening(state, event.turnId, 'handsFree', true);
      }
      return stay(state);
    case 'speechEnd':
      return state.phase === 'listening' && state.mode === 'handsFree' && state.speech ? endListening(state) : stay(state);
    case 'wake':
      return state.phase === 'listening' ? stay(state) : beginListening(state, event.turnId, 'handsFree', false);
    case 'followUpTimeout':
      if (state.phase === 'followUp') return { state: IDLE_TALK, effects: [{ type: 'stopFollowUp' }] };
      // Woken but nothing said before the window closed: no question, so no turn.
      return state.phase === 'listening' && state.mode === 'handsFree' && !state.speech
        ? { state: IDLE_TALK, effects: [{ type: 'drop', turnId: state.turnId as string }] }
        : stay(state);
    case 'cancel':
      return cancel(state);
    case 'replyDone':
      return turnEnded(state, event.turnId);
    case 'observed':
      return observed(state, event.turnId, event.state);
  }
}

