// Document retrieval for a turn: the question's passages within the prompt budget from settings,
// or null when knowledge is off or nothing is indexed (then the turn does not pay for it at all).
// The question is remembered for the launch warm-up after the answer is on its way.
import type { DocumentRecall, DocumentRecallResult } from '../store/types';
import type { KnowledgeIndex } from './knowledge-index';
import type { KnowledgeSearch } from './knowledge-search';

export interface KnowledgeRecallOptions {
  index: KnowledgeIndex;
  search: KnowledgeSearch;
  /** Read on every turn (settings knowledge.enabled and knowledge.contextTokens). */
  enabled: () => boolean;
  budgetTokens: () => number;
}

export class KnowledgeRecall implements DocumentRecall {
  readonly #options: KnowledgeRecallOptions;

  constructor(options: KnowledgeRecallOptions) {
    this.#options = options;
  }

  async recall(question: string, signal?: AbortSignal): Promise<DocumentRecallResult | null> {
    const { index, search } = this.#options;
    if (!this.#options.enabled() || question.trim() === '' || index.chunkCount() === 0) return null;
    const version = index.version();
    const { passages } = await search.context(question, { budgetTokens: this.#options.budgetTokens() }, signal);
    setImmediate(() => search.recordQuestion(question));
    return { passages: passages.map((p) => ({ path: p.path, heading: p.heading, page: p.page, text: p.text })), version };
  }
}
