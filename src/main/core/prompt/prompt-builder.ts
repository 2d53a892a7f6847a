// What the reply stage asks of a prompt builder: this turn's material in, messages for Ollama out.
import type { ChatMessage } from '../engines/types';
import type { DocumentPassage, HistoryTurn } from '../store/types';

export interface TurnPromptInput {
  systemPrompt: string;
  history: HistoryTurn[];
  memories: string[];
  userMessage: string;
  contextTokens: number;
  reserveTokens: number;
  /** Most tokens of history kept (settings.llm.historyTokens). */
  historyTokens?: number;
  /** Passages from the user's documents, best first: quoted after the history, never as instructions. */
  documents?: DocumentPassage[];
}

/**
 * What the stable start of the next prompt is made of: no question yet, and of the memories only
 * those every prompt quotes first whatever the question (MemoryService.standing).
 */
export type PrefixInput = Omit<TurnPromptInput, 'memories' | 'userMessage'> & { standingMemories?: string[] };

export interface PrefixPlan {
  /**
   * The system prompt and the history the next prompt will start with, exactly; then, when there are
   * standing memories, a user message with their quoted notes, which the turn's own message starts
   * with (Ollama reuses its cache token by token, so the turn then prefills only its question).
   */
  messages: ChatMessage[];
  /** The first saved turn kept, before and after this plan (null: no history kept). */
  firstTurnBefore: string | null;
  firstTurn: string | null;
}

export interface PromptBuilder {
  build(input: TurnPromptInput): ChatMessage[];
  /**
   * The stable prefix the next build() will start with, for a prefill ahead of it. Commits any
   * history cut-back now, so the next build keeps the same start.
   */
  prefix?(input: PrefixInput): PrefixPlan;
  /** Told Ollama's prompt_eval_count for the prompt it built, to calibrate its token estimate. */
  observe?(messages: readonly ChatMessage[], promptEvalCount: number | null): void;
}
