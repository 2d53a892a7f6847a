// How many tokens a text costs the model, estimated from its length (≈ 3.5 characters a token)
// and calibrated against Ollama's prompt_eval_count when a prompt was evaluated in full.

export const DEFAULT_CHARS_PER_TOKEN = 3.5;
/** Chat templates add a few tokens per message (role header, end marker). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Plausible range of characters per token; samples outside it come from prefix-cache hits. */
const PLAUSIBLE_CHARS_PER_TOKEN = { min: 2, max: 6 } as const;

export function estimateTokens(text: string, charsPerToken: number = DEFAULT_CHARS_PER_TOKEN): number {
  return Math.ceil(text.length / charsPerToken);
}

/**
 * Next characters-per-token ratio after one observation, or the current one when the observation
 * is implausible: when Ollama reuses a cached prefix, prompt_eval_count counts only the new tokens.
 */
export function calibratedCharsPerToken(current: number, promptChars: number, promptEvalCount: number, weight = 0.2): number {
  if (promptEvalCount <= 0 || promptChars < 200) return current;
  const observed = promptChars / promptEvalCount;
  if (observed < PLAUSIBLE_CHARS_PER_TOKEN.min || observed > PLAUSIBLE_CHARS_PER_TOKEN.max) return current;
  // Never less cautious than the default: a partly cached prefix (prompt_eval_count counting only
  // the new tokens) looks like cheap tokens, and trusting it lets a long prompt overflow num_ctx.
  return Math.min(DEFAULT_CHARS_PER_TOKEN, current * (1 - weight) + observed * weight);
}

/** The estimator the prompt fitter uses; one per language model, owned by the Assistant. */
export class TokenEstimator {
  #charsPerToken: number;

  constructor(charsPerToken: number = DEFAULT_CHARS_PER_TOKEN) {
    this.#charsPerToken = charsPerToken;
  }

  get charsPerToken(): number {
    return this.#charsPerToken;
  }

  estimate(text: string): number {
    return estimateTokens(text, this.#charsPerToken);
  }

  /** Feed the character count of a prompt and the prompt_eval_count Ollama reported for it. */
  calibrate(promptChars: number, promptEvalCount: number | null): void {
    if (promptEvalCount === null) return;
    this.#charsPerToken = calibratedCharsPerToken(this.#charsPerToken, promptChars, promptEvalCount);
  }
}
