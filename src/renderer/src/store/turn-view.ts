// What the page shows of the turn in progress, and how each turn event changes it. Pure: the page
// names each turn it starts, so only that turn's events change it; a cancelled turn's are ignored.
import type { ErrorInfo } from '../../../shared/errors';
import type { TurnEvent, TurnResult, TurnState } from '../../../shared/turn';

export interface TurnView {
  /** The id the page (or main's hotkey) chose when it started the turn. */
  turnId: string;
  kind: 'voice' | 'text';
  state: TurnState;
  /** What the user said (live, then final) or typed. */
  transcript: string;
  transcriptFinal: boolean;
  /** The reply as its tokens stream in. */
  reply: string;
  error: ErrorInfo | null;
  result: TurnResult | null;
  /** The turn is over: done, failed to start, or abandoned. */
  ended: boolean;
}

export function newTurn(kind: 'voice' | 'text', turnId: string, question = ''): TurnView {
  return {
    turnId,
    kind,
    state: kind === 'voice' ? 'listening' : 'thinking',
    transcript: question,
    transcriptFinal: kind === 'text',
    reply: '',
    error: null,
    result: null,
    ended: false,
  };
}

/** True when this event belongs to the turn on screen. */
export function belongsToTurn(turn: TurnView | null, event: TurnEvent, ignored: ReadonlySet<string>): boolean {
  return turn !== null && !ignored.has(event.turnId) && turn.turnId === event.turnId;
}

export function applyTurnEvent(turn: TurnView, event: TurnEvent): TurnView {
  const next: TurnView = { ...turn };
  switch (event.type) {
    case 'state':
      return { ...next, state: event.state };
    case 'transcript':
      // A typed question keeps its own text; a spoken one shows the live transcript.
      return turn.kind === 'text' ? next : { ...next, transcript: event.text, transcriptFinal: event.final };
    case 'token':
      return { ...next, reply: next.reply + event.text };
    case 'error':
      return { ...next, error: event.error };
    case 'done':
      return {
        ...next,
        state: 'idle',
        transcript: turn.kind === 'text' ? turn.transcript : event.result.transcript || turn.transcript,
        transcriptFinal: true,
        reply: event.result.reply || next.reply,
        error: event.result.error ?? next.error,
        result: event.result,
        ended: true,
      };
    case 'sentence':
    case 'audio':
      return next;
  }
}

/** The turn could not go on (its request failed, the microphone did not open). */
export function endTurn(turn: TurnView, error: ErrorInfo | null): TurnView {
  return { ...turn, state: 'idle', error: error ?? turn.error, ended: true };
}

/** True while the assistant is still working on, or speaking, this turn. */
export function isTurnActive(turn: TurnView | null): boolean {
  return turn !== null && !turn.ended;
}

/**
 * What the Talk area says the assistant is doing: the turn's state while it runs, and "speaking"
 * while its queued audio still plays after 'done'.
 */
export function talkStatus(turn: TurnView | null, playing: boolean): TurnState {
  if (turn !== null && !turn.ended) return turn.state;
  return playing ? 'speaking' : 'idle';
}
