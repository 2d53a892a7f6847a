// Pure decisions about keeping Ollama's cached prompt prefix warm: what the stable prefix of the next
// prompt is worth prefilling, and when the copy Ollama holds has been lost. Ollama keeps one KV
// prefix per loaded model: any other request on that model (fact extraction, a summary) replaces it,
// and a history cut back to fewer turns starts the prompt differently, so the next turn would
// prefill the whole history again after the key goes up.
import type { ChatMessage } from '../engines/types';

/**
 * Tokens kept free for this turn's tail (memories and question) when the stable prefix is fitted
 * ahead of it: the history cut-back, if one is due, happens at the prefill, and the turn's prompt
 * then keeps the same start.
 */
export const PREFIX_TAIL_ALLOWANCE_TOKENS = 256;

/** Identifies a prefix as Ollama caches it: the same model, context size and messages. */
export function prefixKey(model: string, contextTokens: number, messages: readonly ChatMessage[]): string {
  return JSON.stringify([model, contextTokens, messages.map((m) => [m.role, m.content])]);
}

export interface PrefillState {
  /** The prefix wanted now. */
  key: string;
  /** The prefix Ollama is known to hold (prefilled, and no request on the model since), if any. */
  held: string | null;
  /** A prefill under way, if any. */
  inFlight: string | null;
}

/** Prefill unless Ollama already holds that prefix or is computing it. */
export function shouldPrefill(state: PrefillState): boolean {
  return state.key !== state.held && state.key !== state.inFlight;
}

/**
 * Whether the history kept in the prompt was cut back: the prompt used to start from one saved turn
 * and now starts from another, so Ollama's cached prefix no longer matches past the system prompt.
 * Starting to keep history (none before) is not a cut-back: the previous prompt began the same way.
 */
export function historyCutBack(previousFirstTurnId: string | null, nextFirstTurnId: string | null): boolean {
  return previousFirstTurnId !== null && previousFirstTurnId !== nextFirstTurnId;
}
