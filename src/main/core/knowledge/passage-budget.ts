// Which retrieved passages go into the prompt: best first, as many as fit a token budget, a
// passage cut at a sentence when only part of it fits. Pure.
import { DEFAULT_CHARS_PER_TOKEN, estimateTokens } from '../prompt/token-estimate';

export interface Passage {
  path: string;
  heading: string | null;
  page: number | null;
  text: string;
  score: number;
}

/** Default room for document passages: beside a 300-token reply, the system prompt and some history in num_ctx 2048. */
export const DEFAULT_PASSAGE_TOKENS = 600;
const PER_PASSAGE_OVERHEAD_TOKENS = 12;
const MIN_PARTIAL_TOKENS = 60;

export function fitPassages(passages: readonly Passage[], budgetTokens: number, charsPerToken = DEFAULT_CHARS_PER_TOKEN): Passage[] {
  const out: Passage[] = [];
  let left = budgetTokens;
  for (const passage of passages) {
    const cost = estimateTokens(passage.text, charsPerToken) + PER_PASSAGE_OVERHEAD_TOKENS;
    if (cost <= left) {
      out.push(passage);
      left -= cost;
      continue;
    }
    const room = left - PER_PASSAGE_OVERHEAD_TOKENS;
    if (room >= MIN_PARTIAL_TOKENS) {
      const cut = passage.text.slice(0, Math.floor(room * charsPerToken));
      const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('\n'));
      out.push({ ...passage, text: `${(sentenceEnd > cut.length / 2 ? cut.slice(0, sentenceEnd + 1) : cut).trimEnd()}…` });
    }
    break;
  }
  return out;
}
