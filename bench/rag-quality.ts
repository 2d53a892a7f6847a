// Retrieval quality on the labelled set: recall@5 (the answering README is among the first five
// passages) and MRR (1 / rank of its first passage, 0 when absent), file-level.
import { basename } from 'node:path';
import type { KnowledgeSearch } from '../src/main/core/knowledge/knowledge-search';
import type { LabelledQuestion } from './rag-questions';

export interface Quality {
  recallAt5: number;
  mrr: number;
  misses: string[];
}

export async function measureQuality(search: KnowledgeSearch, questions: readonly LabelledQuestion[], vectorOf?: (q: string) => Promise<Float32Array | null>): Promise<Quality> {
  let found = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const q of questions) {
    const vector = vectorOf ? await vectorOf(q.question) : null;
    const { results } = await search.searchWithVector(q.question, vector, { limit: 5 });
    const rank = results.findIndex((r) => basename(r.path) === `${q.answer}.md`);
    if (rank >= 0) {
      found += 1;
      reciprocal += 1 / (rank + 1);
    } else misses.push(`${q.question} → ${q.answer} (got ${results.map((r) => basename(r.path)).join(', ') || 'nothing'})`);
  }
  return { recallAt5: found / questions.length, mrr: reciprocal / questions.length, misses };
}
