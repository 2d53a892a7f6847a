// The turn on screen, the turns cancelled by barge-in (whose late events are ignored), and the
// live capture/playback state the Talk area shows.
import type { StateCreator } from 'zustand/vanilla';
import type { TurnEvent } from '../../../shared/turn';
import type { ErrorInfo } from '../../../shared/errors';
import { applyTurnEvent, belongsToTurn, endTurn, newTurn, type TurnView } from './turn-view';

/** How many cancelled turn ids are remembered; older ones cannot send events any more. */
const IGNORED_LIMIT = 32;

export interface TurnSlice {
  turn: TurnView | null;
  ignoredTurnIds: string[];
  capturing: boolean;
  /** Input level meter, 0–1. */
  micLevel: number;
  /** The voice detector hears speech right now. */
  speechHeard: boolean;
  playing: boolean;
  startTurn(kind: 'voice' | 'text', turnId: string, question?: string): void;
  /** Applies an event to the turn on screen; false when it belongs to another (ignored) turn. */
  receiveTurnEvent(event: TurnEvent): boolean;
  ignoreTurn(turnId: string): void;
  /** A capture with nothing said: no turn at all, so it leaves the screen and its events are ignored. */
  dropTurn(turnId: string): void;
  /** Ends the turn on screen without a 'done' event (a request failed, the microphone did not open). */
  abandonTurn(error: ErrorInfo | null): void;
  setCapturing(capturing: boolean): void;
  setMicLevel(level: number, speechHeard?: boolean): void;
  setPlaying(playing: boolean): void;
}

export const createTurnSlice: StateCreator<TurnSlice, [], [], TurnSlice> = (set, get) => ({
  turn: null,
  ignoredTurnIds: [],
  capturing: false,
  micLevel: 0,
  speechHeard: false,
  playing: false,
  startTurn: (kind, turnId, question) => set({ turn: newTurn(kind, turnId, question) }),
  receiveTurnEvent: (event) => {
    const { turn, ignoredTurnIds } = get();
    if (!turn || !belongsToTurn(turn, event, new Set(ignoredTurnIds))) return false;
    set({ turn: applyTurnEvent(turn, event) });
    return true;
  },
  ignoreTurn: (turnId) => set((s) => ({ ignoredTurnIds: [...s.ignoredTurnIds, turnId].slice(-IGNORED_LIMIT) })),
  dropTurn: (turnId) =>
    set((s) => ({
      ignoredTurnIds: [...s.ignoredTurnIds, turnId].slice(-IGNORED_LIMIT),
      turn: s.turn?.turnId === turnId ? null : s.turn,
    })),
  abandonTurn: (error) => set((s) => (s.turn ? { turn: endTurn(s.turn, error) } : {})),
  setCapturing: (capturing) => set(capturing ? { capturing } : { capturing, micLevel: 0, speechHeard: false }),
  setMicLevel: (micLevel, speechHeard) => set(speechHeard === undefined ? { micLevel } : { micLevel, speechHeard }),
  setPlaying: (playing) => set({ playing }),
});
