// Hybrid retrieval over the document index: BM25 keywords and embedding similarity fused by
// reciprocal rank, or keywords alone (with a notice) when no embedding model answers. Three caches
// sit in front, each with its own TTL: query embeddings, search results and prompt contexts. The
// result and context keys carry the index version, so a changed index is never answered from.
import { LRUCache } from 'lru-cache';
import type { Clock } from '../platform/clock';
import type { Embedder } from '../store/embedder';
import { LocalRanker, type CandidateRanker } from './candidate-ranker';
import type { KnowledgeIndex, SearchFilters } from './knowledge-index';
import { DEFAULT_PASSAGE_TOKENS, fitPassages, type Passage } from './passage-budget';
import { reciprocalRankFusion } from './rank-fusion';

export type SearchMode = 'hybrid' | 'keyword';
export type CacheOutcome = 'hit' | 'miss';
export const KNOWLEDGE_CACHE_KINDS = ['query_embedding', 'search', 'context'] as const;
export type KnowledgeCacheKind = (typeof KNOWLEDGE_CACHE_KINDS)[number];

export interface SearchHit extends Passage {
  chunkId: number;
}

export interface SearchAnswer {
  results: SearchHit[];
  mode: SearchMode;
  cache: CacheOutcome;
  /** Keywords only because the vector scan could not run just now: good for now, not kept in the cache. */
  provisional?: boolean;
}

export interface ContextAnswer {
  passages: Passage[];
  mode: SearchMode;
  cache: CacheOutcome;
}

export interface KnowledgeCacheTtls {
  queryEmbeddingMs: number;
  searchMs: number;
  contextMs: number;
}

export const DEFAULT_KNOWLEDGE_TTLS: KnowledgeCacheTtls = { queryEmbeddingMs: 3_600_000, searchMs: 600_000, contextMs: 300_000 };

export interface KnowledgeSearchDeps {
  index: KnowledgeIndex;
  clock: Clock;
  embedder: Embedder | null;
  ttls?: KnowledgeCacheTtls;
  /** Below this cosine similarity a passage found by meaning alone is not relevant. */
  minSimilarity?: number;
  /** Candidates taken from each list before fusion. */
  candidates?: number;
  /** Where the keyword and vector scans run (default: this thread, on `index`). */
  ranker?: CandidateRanker;
}

export interface SearchOptions {
  limit?: number;
  filters?: SearchFilters;
}

/** The question as a cache key: case, spacing and end punctuation do not change what is asked. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.,;:]+$/u, '').trim();
}

export class KnowledgeSearch {
  readonly #deps: KnowledgeSearchDeps;
  readonly #queryVectors: LRUCache<string, Float32Array>;
  readonly #results: LRUCache<string, SearchAnswer>;
  readonly #contexts: LRUCache<string, ContextAnswer>;
  readonly #counts = new Map<KnowledgeCacheKind, { hits: number; misses: number }>();
  readonly #ranker: CandidateRanker;
  #cachedVersion = -1;

  constructor(deps: KnowledgeSearchDeps) {
    this.#deps = deps;
    this.#ranker = deps.ranker ?? new LocalRanker(deps.index);
    const ttls = deps.ttls ?? DEFAULT_KNOWLEDGE_TTLS;
    // The injected clock drives expiry; ttlResolution 0 makes lru-cache ask it every time instead
    // of caching "now" on a real timer.
    const perf = { now: () => deps.clock.now() };
    this.#queryVectors = new LRUCache({ max: 1000, ttl: ttls.queryEmbeddingMs, perf, ttlAutopurge: false, ttlResolution: 0 });
    this.#results = new LRUCache({ max: 500, ttl: ttls.searchMs, perf, ttlAutopurge: false, ttlResolution: 0 });
    this.#contexts = new LRUCache({ max: 200, ttl: ttls.contextMs, perf, ttlAutopurge: false, ttlResolution: 0 });
    for (const kind of KNOWLEDGE_CACHE_KINDS) this.#counts.set(kind, { hits: 0, misses: 0 });
  }

  #count(kind: KnowledgeCacheKind, outcome: CacheOutcome): void {
    const c = this.#counts.get(kind)!;
    if (outcome === 'hit') c.hits += 1;
    else c.misses += 1;
  }

  /** Hits and misses since launch (or the last flush), by cache. */
  stats(): { kind: KnowledgeCacheKind; hits: number; misses: number }[] {
    return KNOWLEDGE_CACHE_KINDS.map((kind) => ({ kind, ...this.#counts.get(kind)! }));
  }

  /** Adds the counts to knowledge.db (so `docs stats` sees them) and starts again from zero. */
  flushStats(): void {
    for (const [kind, c] of this.#counts) {
      this.#deps.index.addCounters(kind, c.hits, c.misses);
      this.#counts.set(kind, { hits: 0, misses: 0 });
    }
  }

  /** Drops cached results when the index changed since they were made. */
  #checkVersion(): number {
    const version = this.#deps.index.version();
    if (version !== this.#cachedVersion) {
      this.#results.clear();
      this.#contexts.clear();
      this.#cachedVersion = version;
    }
    return version;
  }

  async #queryVector(query: string, signal?: AbortSignal): Promise<Float32Array | null> {
    const { embedder } = this.#deps;
    if (!embedder) return null;
    const key = `${embedder.id}\u0000${normalizeQuery(query)}`;
    const cached = this.#queryVectors.get(key);
    this.#count('query_embedding', cached ? 'hit' : 'miss');
    if (cached) return cached;
    const vectors = await embedder.embed([query], signal);
    const vector = vectors?.[0] ?? null;
    if (vector) this.#queryVectors.set(key, vector);
    return vector;
  }

  /** Readies the scans ahead of the first question: the vector matrix is loaded (later index changes are followed, not reloaded). */
  async preload(): Promise<void> {
    await this.#ranker.preload(this.#deps.embedder?.id ?? null);
  }

  /** Reads every page of the index, where the scans run, to find damage; null when there is none. */
  checkPages(): Promise<string | null> {
    return this.#ranker.checkPages();
  }

  async close(): Promise<void> {
    await this.#ranker.close();
  }

  async search(query: string, options: SearchOptions = {}, signal?: AbortSignal): Promise<SearchAnswer> {
    const version = this.#checkVersion();
    const limit = options.limit ?? 5;
    const key = JSON.stringify([normalizeQuery(query), limit, options.filters ?? {}, this.#deps.embedder?.id ?? 'none']);
    const cached = this.#results.get(key);
    this.#count('search', cached ? 'hit' : 'miss');
    if (cached) return { ...cached, cache: 'hit' };
    const vector = await this.#queryVector(query, signal);
    const answer = await this.searchWithVector(query, vector, options);
    // An index changed while this search ran is not cached under the version it started from.
    if (version !== this.#checkVersion()) return answer;
    if (!signal?.aborted && !answer.provisional) this.#results.set(key, answer);
    return answer;
  }

  /** The uncached search itself, given the query's vector (null: keywords only). */
  async searchWithVector(query: string, vector: Float32Array | null, options: SearchOptions = {}): Promise<SearchAnswer> {
    const { embedder } = this.#deps;
    const limit = options.limit ?? 5;
    const candidates = Math.max(this.#deps.candidates ?? 40, limit);
    const { keywordIds, vectorIds, vectorsUnavailable } = await this.#ranker.rank({
      query,
      vector: embedder ? vector : null,
      model: embedder?.id ?? null,
      candidates,
      minSimilarity: this.#deps.minSimilarity ?? 0.5,
      filters: options.filters,
    });
    if (!vectorIds) {
      const results = this.#hits(keywordIds.map((id, rank) => ({ id, score: 1 / (61 + rank) })).slice(0, limit));
      return { results, mode: 'keyword', cache: 'miss', ...(vectorsUnavailable ? { provisional: true } : {}) };
    }
    const fused = reciprocalRankFusion([keywordIds, vectorIds]).slice(0, limit);
    return { results: this.#hits(fused), mode: 'hybrid', cache: 'miss' };
  }

  #hits(ranked: readonly { id: number; score: number }[]): SearchHit[] {
    // A chunk removed since the scan is left out; scores follow their ids, not their positions.
    const scores = new Map(ranked.map((r) => [r.id, r.score]));
    const chunks = this.#deps.index.chunks(ranked.map((r) => r.id));
    return chunks.map((c) => ({ chunkId: c.id, path: c.path, heading: c.heading, page: c.page, text: c.text, score: scores.get(c.id)! }));
  }

  /** The passages for a turn's prompt, within a token budget; empty when nothing relevant was found. */
  async context(query: string, options: SearchOptions & { budgetTokens?: number } = {}, signal?: AbortSignal): Promise<ContextAnswer> {
    this.#checkVersion();
    const budget = options.budgetTokens ?? DEFAULT_PASSAGE_TOKENS;
    const key = JSON.stringify([normalizeQuery(query), budget, options.filters ?? {}, this.#deps.embedder?.id ?? 'none']);
    const cached = this.#contexts.get(key);
    this.#count('context', cached ? 'hit' : 'miss');
    if (cached) return { ...cached, cache: 'hit' };
    const found = await this.search(query, { limit: options.limit ?? 5, filters: options.filters }, signal);
    const answer: ContextAnswer = { passages: fitPassages(found.results, budget), mode: found.mode, cache: 'miss' };
    if (!signal?.aborted && !found.provisional) this.#contexts.set(key, answer);
    return answer;
  }

  /** Remembers a question a person asked, for the launch warm-up. */
  recordQuestion(query: string): void {
    const normalized = normalizeQuery(query);
    if (normalized) this.#deps.index.recordQuery(normalized, this.#deps.clock.wallNow());
  }

  /** Fills the caches with the most frequent questions; meant to run in the background at launch. */
  async warmUp(count = 20, signal?: AbortSignal): Promise<number> {
    const queries = this.#deps.index.frequentQueries(count);
    await this.preload();
    for (const q of queries) {
      if (signal?.aborted) break;
      await this.context(q, {}, signal);
    }
    return queries.length;
  }
}
