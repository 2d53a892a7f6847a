// The prompt fitter with its memory between turns: which history turn the last prompt started from
// (so Ollama's prefix cache keeps hitting) and the calibrated characters per token.
import type { ChatMessage } from '../engines/types';
import type { PrefixInput, PrefixPlan, PromptBuilder, TurnPromptInput as PromptInput } from './prompt-builder';
import { planPrompt } from './prompt-budget';
import { PREFIX_TAIL_ALLOWANCE_TOKENS } from './prefill-plan';
import { TokenEstimator } from './token-estimate';

export class PromptSession implements PromptBuilder {
  private keptFromTurnId: string | null = null;

  constructor(private readonly estimator: TokenEstimator = new TokenEstimator()) {}

  build(input: PromptInput): ChatMessage[] {
    const plan = planPrompt({ ...input, charsPerToken: this.estimator.charsPerToken, keepFromTurnId: this.keptFromTurnId });
    this.keptFromTurnId = plan.keptFromTurnId;
    return plan.messages;
  }

  prefix(input: PrefixInput): PrefixPlan {
    const before = this.keptFromTurnId;
    const { standingMemories = [], ...rest } = input;
    // Fitted with room for a typical tail, so a cut-back that the turn would need happens here.
    const plan = planPrompt({
      ...rest,
      memories: standingMemories,
      userMessage: '',
      reserveTokens: input.reserveTokens + PREFIX_TAIL_ALLOWANCE_TOKENS,
      charsPerToken: this.estimator.charsPerToken,
      keepFromTurnId: before,
    });
    this.keptFromTurnId = plan.keptFromTurnId;
    // The last message is the turn's, with no question yet: kept when it quotes standing memories.
    const messages = plan.messages.at(-1)?.content ? plan.messages : plan.messages.slice(0, -1);
    return { messages, firstTurnBefore: before, firstTurn: plan.keptFromTurnId };
  }

  /** Ollama told us how many tokens the prompt was: refine the estimate. */
  observe(messages: readonly ChatMessage[], promptEvalCount: number | null): void {
    const chars = messages.reduce((sum, m) => sum + m.content.length, 0);
    this.estimator.calibrate(chars, promptEvalCount);
  }
}
