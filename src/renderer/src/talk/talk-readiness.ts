// Whether Talk can work right now, and if not, what is wrong: the connection to Earshot, Ollama,
// the chat model, the speech recognition model. The status under Talk says it and offers the fix;
// a press is refused instead of listening to a question nothing can answer. A reply that is still
// being said can always be interrupted. Pure.
import type { SetupStatus } from '../../../shared/records';
import type { Connection } from '../store/session-slice';
import { isTurnActive, type TurnView } from '../store/turn-view';

export type TalkProblem = 'connecting' | 'refused' | 'disconnected' | 'checking' | 'ollamaDown' | 'chatMissing' | 'sttMissing';

/** What fixes a problem in the app: check again, or open the setup check to download a model. */
export type TalkFix = 'retry' | 'download' | null;

export function talkProblem(connection: Connection, setup: SetupStatus | null): TalkProblem | null {
  if (connection === 'refused') return 'refused';
  if (connection === 'lost') return 'disconnected';
  if (connection === 'connecting') return 'connecting';
  if (setup === null) return 'checking';
  if (!setup.ollama.reachable) return 'ollamaDown';
  if (!setup.chatModel.installed) return 'chatMissing';
  if (!setup.stt.installed) return 'sttMissing';
  return null;
}

export function fixFor(problem: TalkProblem | null): TalkFix {
  if (problem === 'ollamaDown') return 'retry';
  if (problem === 'chatMissing' || problem === 'sttMissing') return 'download';
  return null;
}

/**
 * Whether the problem stops Talk. Not while the first check is still out: if main cannot answer
 * it, the turn itself will say why, and Talk must not stay refused for want of a check.
 */
export function stopsTalk(problem: TalkProblem | null): boolean {
  return problem !== null && problem !== 'checking';
}

/** A press is refused while a problem stands, unless it interrupts a turn or a reply still playing. */
export function pressRefused(problem: TalkProblem | null, turn: TurnView | null, playing: boolean): boolean {
  return stopsTalk(problem) && !isTurnActive(turn) && !playing;
}
