// What pressing Talk (or sending a typed message) does given what is going on: barge-in cancels
// the turn in progress and silences playback at once, then a new turn starts. Pure.

export interface PressSituation {
  capturing: boolean;
  /** The turn on screen is still being answered or spoken. */
  turnActive: boolean;
  turnId: string | null;
  playing: boolean;
}

export interface PressPlan {
  /** Nothing to do: Talk is already held (key repeat, a second input). */
  ignore: boolean;
  stopPlayback: boolean;
  /** Cancel this turn on main (null: no turn to cancel, or its id is not known yet). */
  cancelTurnId: string | null;
  /** Cancel whatever main is doing even though the id is unknown. */
  cancelAny: boolean;
}

export function planPress(s: PressSituation): PressPlan {
  if (s.capturing) return { ignore: true, stopPlayback: false, cancelTurnId: null, cancelAny: false };
  return {
    ignore: false,
    stopPlayback: s.playing || s.turnActive,
    cancelTurnId: s.turnActive ? s.turnId : null,
    cancelAny: s.turnActive && s.turnId === null,
  };
}
