// Pure decisions of the window's hands-free side: when its microphone should be open, what to show,
// and when a new turn appears on screen.
import type { ListeningState } from '../../../shared/contract';
import type { Connection } from '../store/session-slice';

export interface ListeningInputs {
  handsFree: boolean;
  paused: boolean;
  connection: Connection;
}

/** The microphone streams to main only while hands-free is on, not paused, and main is there. */
export function shouldStream({ handsFree, paused, connection }: ListeningInputs): boolean {
  return handsFree && !paused && connection === 'open';
}

/** What the window says: off, paused, waiting for the wake word, listening, thinking, speaking. */
export type ListeningLabel = 'off' | 'paused' | 'waiting' | 'listening' | 'thinking' | 'speaking';

export function listeningLabel(handsFree: boolean, paused: boolean, state: ListeningState, playing: boolean): ListeningLabel {
  if (!handsFree) return 'off';
  if (paused) return 'paused';
  if (playing) return 'speaking';
  if (state === 'capturing' || state === 'follow-up') return 'listening';
  if (state === 'answering') return 'thinking';
  return state;
}

/**
 * Main began a hands-free turn (the wake word, or the user's first word in a conversation — the
 * follow-up window itself holds no turn yet): the window puts a new turn on screen to take its
 * events, and silences a reply still playing. Speech over a reply is a barge-in, and a follow-up
 * question asked while the last words of a reply still play cuts them off the same way.
 */
export function turnStarts(before: ListeningState, after: ListeningState): { show: boolean; stopPlayback: boolean } {
  const show = after === 'capturing' && before !== after;
  return { show, stopPlayback: show };
}

/** The chime sounds when the wake word wakes Earshot from waiting (not on a barge-in or a follow-up), unless turned off. */
export function wakeChime(before: ListeningState, after: ListeningState, enabled: boolean): boolean {
  return enabled && before === 'waiting' && after === 'capturing';
}
