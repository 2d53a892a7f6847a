// Which memories a transcript needs: profile facts always (up to a cap, and first, so the prompt's
// quoted notes start the same way every turn), then the other facts most similar to the query
// above a floor; and which of them the question is actually about — by embedding cosine when both
// have vectors from the same model, by words otherwise. Pure.
import type { Language } from '../../../shared/turn';
import type { MemoryRecall } from '../store/types';
import { cosineSimilarity } from '../store/embedding-vectors';
import { lexicalSimilarityNormalized } from '../store/lexical-similarity';
import { normalizeQuestion } from '../store/text-normalization';
import type { StoredMemory } from './memory-store';

export interface RankingQuery {
  text: string;
  language: Language;
  embedding: Float32Array | null;
  embedderId: string;
}

export interface RankingLimits {
  maxProfile: number;
  maxFacts: number;
  /** Cosine floor for embedding matches. */
  minCosine: number;
  /** Floor for word-overlap matches. */
  minLexical: number;
  /** All memories of one prompt together stay within this many characters (a memory is data the user cannot see being sent). */
  maxChars: number;
}

export const DEFAULT_RANKING_LIMITS: RankingLimits = { maxProfile: 6, maxFacts: 4, minCosine: 0.55, minLexical: 0.2, maxChars: 1_200 };

/** The longest run of texts, in order, whose lengths add up to at most `maxChars`. */
export function withinChars(texts: readonly string[], maxChars: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const text of texts) {
    if (used + text.length > maxChars) break;
    kept.push(text);
    used += text.length;
  }
  return kept;
}

/** Profile facts then relevant ones for the prompt, and which facts matched the question. */
export type RankedMemories = MemoryRecall;

/** The newest profile facts: what every prompt quotes first, whatever the question. */
function newestProfile<T extends { kind: string }>(memories: readonly T[], limits: RankingLimits): T[] {
  return memories.filter((m) => m.kind === 'profile').slice(-limits.maxProfile);
}

/**
 * The memories every prompt starts its quoted notes with until a fact is added or changed: the
 * newest profile facts. They do not depend on the question, so they can be prefilled with the
 * prompt's stable start while the user speaks. rankMemories' texts begin with exactly these.
 */
export function standingMemories(memories: readonly { kind: string; text: string }[], limits: RankingLimits = DEFAULT_RANKING_LIMITS): string[] {
  return withinChars(newestProfile(memories, limits).map((m) => m.text), limits.maxChars);
}

export function rankMemories(query: RankingQuery, memories: readonly StoredMemory[], limits: RankingLimits = DEFAULT_RANKING_LIMITS): RankedMemories {
  const profile = newestProfile(memories, limits);
  const normalizedQuery = normalizeQuestion(query.text, query.language);
  const matching = memories
    .map((m) => {
      if (query.embedding && m.embedding && m.embedderId === query.embedderId) {
        const score = cosineSimilarity(query.embedding, m.embedding);
        return { m, score, pass: score >= limits.minCosine };
      }
      const score = lexicalSimilarityNormalized(normalizedQuery, normalizeQuestion(m.text, query.language));
      return { m, score, pass: score >= limits.minLexical };
    })
    .filter((s) => s.pass)
    .sort((a, b) => b.score - a.score);
  const facts = matching.filter((s) => s.m.kind !== 'profile').slice(0, limits.maxFacts);
  // A profile fact the question is about goes in even when it is older than the newest maxProfile
  // ("what is my name?" with many profile facts): the model must see what the turn relies on.
  const askedProfile = matching.filter((s) => s.m.kind === 'profile' && !profile.includes(s.m)).map((s) => s.m.text);
  const standing = standingMemories(memories, limits);
  const rest = [...askedProfile, ...facts.map((s) => s.m.text)];
  // The standing facts first, as prefilled; unless that would leave out an older profile fact the
  // question is about, which then goes first (the turn relies on it; the prefill is only a speed-up).
  const stableFirst = withinChars([...standing, ...rest], limits.maxChars);
  const texts = askedProfile.every((t) => stableFirst.includes(t)) ? stableFirst : withinChars([...askedProfile, ...profile.map((m) => m.text), ...facts.map((s) => s.m.text)], limits.maxChars);
  return {
    texts,
    relevant: matching.filter((s) => s.m.kind === 'profile' || facts.includes(s)).map((s) => s.m.text),
  };
}
