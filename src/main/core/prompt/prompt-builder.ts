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
  /** Passages from the user's documents, best first: quoted after the history, never as instructions. */
  documents?: DocumentPassage[];
}

export interface PromptBuilder {
  build(input: TurnPromptInput): ChatMessage[];
  /** Told Ollama's prompt_eval_count for the prompt it built, to calibrate its token estimate. */
  observe?(messages: readonly ChatMessage[], promptEvalCount: number | null): void;
}
