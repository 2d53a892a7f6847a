// The talk flow as one pure state machine: (state, event) → (state, effects). It is the only place
// that decides whether a press interrupts a reply, whether a capture with no speech heard may end
// silently, and when a hands-free conversation listens again. Main (the global hotkey), the renderer (Talk,
// Space, typed questions) and the tests all step the same function; each side carries out the
// effects it can (the renderer owns the microphone and the speaker, main owns the turns).
//
// The side that starts a turn picks its id and passes it in the event (press, wake, ask, a
// follow-up's speechStart), so nobody has to adopt an id after the fact.
//
// Hands-free timing is decided here too. A side that hears a continuous stream (main's hands-free
// listener) gives the events their stream time (atMs, and speechEnd's segment): the machine then
// keeps the deadline of the current wait (the question after the wake word, the follow-up window)
// and closes it on a later tick, and tells the end of the wake word's own speech from the end of
// the question. Without times the events mean what they always did, and the windows close on
// followUpTimeout.
//
// Events
//   press {turnId, mode}   Talk/Space/hotkey went down. mode 'hold' (default): release ends the
//                          capture and a second press is a key repeat; 'toggle': the next press ends it.
//   release                the key or button went up.
//   ask {turnId}           a typed question.
//   speechStart {turnId?, atMs?}  the voice detector heard speech begin. While listening it marks
//                          the capture as holding speech; in a hands-free conversation (follow-up
//                          window, or — with follow-ups on — a reply being answered or spoken) it
//                          begins a turn under turnId, interrupting the reply: a spoken barge-in.
//   speechEnd {startMs?, endMs?}  the voice detector heard speech stop: hands-free, that ends the
//                          question — with times, only speech reaching minQuestionMs past the
//                          capture's start (the wake word's own speech ends just after it fired).
//   wake {turnId, atMs?}   the wake word: begins a hands-free turn, interrupting a reply.
//   followUpTimeout        the hands-free window (after the wake word, or after a reply) closed
//                          with nothing said.
//   tick {atMs}            stream time passed: closes the window whose deadline it reached.
//   cancel                 stop everything (Escape, Stop, the page going away).
//   replyDone {turnId, atMs?}  main finished that turn (answered, failed or cancelled).
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

/** Hands-free timing, in stream milliseconds. */
export interface TalkConfig {
  /** After a reply, how long a question needs no wake word; 0 turns follow-ups (and spoken barge-in) off. */
  followUpMs: number;
  /** After the wake word, how long to wait for a question before giving up quietly. */
  noQuestionMs: number;
  /** Speech must run this long past the capture's start to be a question, not the wake word's tail. */
  minQuestionMs: number;
  /**
   * A question still open this long after its speech began is answered as it stands: speech the
   * detector drops as too short (a cough, the chime) never sends an end.
   */
  maxQuestionMs: number;
}

export const DEFAULT_TALK_CONFIG: TalkConfig = { followUpMs: 6000, noQuestionMs: 5000, minQuestionMs: 300, maxQuestionMs: 15_000 };

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
  /** Stream time the hands-free capture began (the wake word, or the first word of a follow-up). */
  sinceMs: number | null;
  /** Stream time at which the current wait (question after the wake word, follow-up window) closes. */
  deadlineMs: number | null;
}

export type TalkEvent =
  | { type: 'press'; turnId: string; mode?: 'hold' | 'toggle' }
  | { type: 'release' }
  | { type: 'ask'; turnId: string }
  | { type: 'speechStart'; turnId?: string; atMs?: number }
  | { type: 'speechEnd'; startMs?: number; endMs?: number }
  | { type: 'wake'; turnId: string; atMs?: number }
  | { type: 'followUpTimeout' }
  | { type: 'tick'; atMs: number }
  | { type: 'cancel' }
  | { type: 'replyDone'; turnId: string; atMs?: number }
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

export const IDLE_TALK: TalkState = { phase: 'idle', turnId: null, mode: null, speech: false, handsFree: false, sinceMs: null, deadlineMs: null };

const UNTIMED = { sinceMs: null, deadlineMs: null };

const stay = (state: TalkState): TalkStep => ({ state, effects: [] });

/** What must stop before something new starts: the reply being answered, or the follow-up window. */
function interrupt(state: TalkState): TalkEffect[] {
  if (state.phase === 'answering' && state.turnId !== null) return [{ type: 'cancelTurn', turnId: state.turnId }];
  if (state.phase === 'followUp') return [{ type: 'stopFollowUp' }];
  return [];
}

function beginListening(state: TalkState, turnId: string, mode: TalkMode, speech: boolean, atMs?: number, config = DEFAULT_TALK_CONFIG): TalkStep {
  const timed = mode === 'handsFree' && atMs !== undefined;
  return {
    state: {
      phase: 'listening',
      turnId,
      mode,
      speech,
      handsFree: mode === 'handsFree',
      sinceMs: timed ? atMs : null,
      // Woken with nothing said yet, the question has noQuestionMs to begin; once begun, maxQuestionMs.
      deadlineMs: timed ? atMs + (speech ? config.maxQuestionMs : config.noQuestionMs) : null,
    },
    effects: [{ type: 'stopPlayback' }, ...interrupt(state), { type: 'listen', turnId }],
  };
}

/** The capture ends: answered, silently dropped by main if nothing was heard there either. */
function endListening(state: TalkState, speechHeard = state.speech): TalkStep {
  const turnId = state.turnId as string;
  return { state: { ...state, ...UNTIMED, phase: 'answering', mode: null, speech: speechHeard }, effects: [{ type: 'answer', turnId, speechHeard }] };
}

function turnEnded(state: TalkState, turnId: string, atMs: number | undefined, config: TalkConfig): TalkStep {
  if (state.turnId !== turnId) return stay(state);
  if (state.phase === 'listening') return { state: IDLE_TALK, effects: [{ type: 'stopListening', turnId }] };
  if (state.handsFree && config.followUpMs > 0) {
    const deadlineMs = atMs === undefined ? null : atMs + config.followUpMs;
    return { state: { ...IDLE_TALK, phase: 'followUp', handsFree: true, deadlineMs }, effects: [{ type: 'startFollowUp' }] };
  }
  return { state: IDLE_TALK, effects: [] };
}

/**
 * The hands-free wait ran out: the follow-up window closes; a wake with nothing said is no turn; a
 * question with no end in sight is answered as it stands, silently if nothing in it was words.
 */
function timeout(state: TalkState, questionCap: boolean): TalkStep {
  if (state.phase === 'followUp') return { state: IDLE_TALK, effects: [{ type: 'stopFollowUp' }] };
  if (state.phase !== 'listening' || state.mode !== 'handsFree') return stay(state);
  if (!state.speech) return { state: IDLE_TALK, effects: [{ type: 'drop', turnId: state.turnId as string }] };
  return questionCap ? endListening(state, false) : stay(state);
}

/** Hands-free, the end of speech ends the question — unless it is only the wake word's own tail. */
function speechEnded(state: TalkState, endMs: number | undefined, config: TalkConfig): TalkStep {
  if (state.phase !== 'listening' || state.mode !== 'handsFree') return stay(state);
  if (endMs !== undefined && state.sinceMs !== null) return endMs - state.sinceMs >= config.minQuestionMs ? endListening(state, true) : stay(state);
  return state.speech ? endListening(state) : stay(state);
}

function speechStarted(state: TalkState, turnId: string | undefined, atMs: number | undefined, config: TalkConfig): TalkStep {
  // A question is under way: it now ends with the speech (or, on the stream's time, by maxQuestionMs).
  if (state.phase === 'listening') {
    if (state.speech) return stay(state);
    const deadlineMs = state.sinceMs !== null && atMs !== undefined ? atMs + config.maxQuestionMs : null;
    return { state: { ...state, speech: true, deadlineMs }, effects: [] };
  }
  // Hands-free: speaking in the follow-up window, or over the reply while follow-ups are on,
  // begins the next question (over a reply, that is a barge-in).
  const open = state.phase === 'followUp' || (state.phase === 'answering' && config.followUpMs > 0);
  if (state.handsFree && turnId !== undefined && open) return beginListening(state, turnId, 'handsFree', true, atMs, config);
  return stay(state);
}

function cancel(state: TalkState): TalkStep {
  const effects: TalkEffect[] = [{ type: 'stopPlayback' }];
  if (state.phase === 'listening' && state.turnId !== null) effects.push({ type: 'drop', turnId: state.turnId });
  else effects.push(...interrupt(state));
  return { state: IDLE_TALK, effects };
}

/** A turn reported by the assistant that this side may not have started (watchers only). */
function observed(state: TalkState, turnId: string, turnState: TurnState): TalkStep {
  if (turnState === 'idle') return turnEnded(state, turnId, undefined, DEFAULT_TALK_CONFIG);
  if (state.turnId === turnId) {
    return turnState === 'listening' || state.phase === 'answering' ? stay(state) : { state: { ...state, phase: 'answering', mode: null }, effects: [] };
  }
  // Our own newer capture owns the floor; a late report about an older turn changes nothing.
  if (state.phase === 'listening') return stay(state);
  // Begun elsewhere (the window's Talk button): whoever captures decides whether speech was heard,
  // and the next press here ends that capture.
  if (turnState === 'listening') return { state: { ...IDLE_TALK, phase: 'listening', turnId, mode: 'toggle', speech: true }, effects: [] };
  return { state: { ...IDLE_TALK, phase: 'answering', turnId, speech: true }, effects: [] };
}

export function talkStep(state: TalkState, event: TalkEvent, config: TalkConfig = DEFAULT_TALK_CONFIG): TalkStep {
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
        state: { ...IDLE_TALK, phase: 'answering', turnId: event.turnId, speech: true },
        effects: [{ type: 'stopPlayback' }, ...interrupt(state), { type: 'sendQuestion', turnId: event.turnId }],
      };
    case 'speechStart':
      return speechStarted(state, event.turnId, event.atMs, config);
    case 'speechEnd':
      return speechEnded(state, event.endMs, config);
    case 'wake':
      return state.phase === 'listening' ? stay(state) : beginListening(state, event.turnId, 'handsFree', false, event.atMs, config);
    case 'followUpTimeout':
      return timeout(state, false);
    case 'tick':
      return state.deadlineMs !== null && event.atMs >= state.deadlineMs ? timeout(state, true) : stay(state);
    case 'cancel':
      return cancel(state);
    case 'replyDone':
      return turnEnded(state, event.turnId, event.atMs, config);
    case 'observed':
      return observed(state, event.turnId, event.state);
  }
}

