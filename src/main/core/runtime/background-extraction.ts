// Fact extraction runs on the chat model, so whatever it leaves in Ollama's one KV slot is no longer
// the conversation's prompt prefix. Whoever wires an extractor to an Assistant wraps it with this, so
// the Assistant learns of the eviction (and prefills the prefix again in the next quiet moment)
// however the extraction ended: with facts, none, an error or an abort.
import type { FactExtractor } from '../memory/extraction-queue';

export function reportingEviction(extract: FactExtractor, evicted: () => void): FactExtractor {
  return async (turns, signal) => {
    try {
      return await extract(turns, signal);
    } finally {
      evicted();
    }
  };
}
