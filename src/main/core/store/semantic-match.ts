// Choosing the cached question that may answer a new one: the most similar candidate at or above
// the threshold whose numbers and negations agree with the new question. Pure.
import type { Language } from '../../../shared/turn';
import { cosineSimilarity } from './embedding-vectors';
import { lexicalSimilarityNormalized } from './lexical-similarity';
import { isSemanticMatchSafe } from './response-cache-rules';

export interface MatchCandidate {
  key: string;
  question: string;
  normalized: string;
  embedding: Float32Array | null;
  embedderId: string | null;
}

export interface MatchQuery {
  question: string;
  normalized: string;
  language: Language;
  /** Null when no embedding model answered: every candidate is compared by words. */
  embedding: Float32Array | null;
  embedderId: string;
}

export interface SemanticMatch {
  key: string;
  similarity: number;
}

/** Embedding cosine when both sides have vectors from the same model, else lexical similarity. */
export function similarityTo(query: MatchQuery, candidate: MatchCandidate): number {
  if (query.embedding && candidate.embedding && candidate.embedderId === query.embedderId) {
    return cosineSimilarity(query.embedding, candidate.embedding);
  }
  return lexicalSimilarityNormalized(query.normalized, candidate.normalized);
}

export function bestSemanticMatch(query: MatchQuery, candidates: Iterable<MatchCandidate>, threshold: number): SemanticMatch | null {
  const scored: SemanticMatch[] = [];
  const byKey = new Map<string, MatchCandidate>();
  for (const candidate of candidates) {
    const similarity = similarityTo(query, candidate);
    if (similarity >= threshold) {
      scored.push({ key: candidate.key, similarity });
      byKey.set(candidate.key, candidate);
    }
  }
  scored.sort((a, b) => b.similarity - a.similarity);
  return scored.find((m) => isSemanticMatchSafe(query.question, byKey.get(m.key)!.question, query.language)) ?? null;
}
