// The uncached part of a search: the chunk ids BM25 ranks best, and those nearest the question's
// vector. Runs where the index connection lives: in this thread (the CLI, tests) or in the search
// worker (the app), so the main thread never waits on a scan.
import { ftsMatchExpression } from './fts-query';
import type { KnowledgeIndex, SearchFilters } from './knowledge-index';
import { LiveVectors } from './live-vectors';

export interface RankRequest {
  query: string;
  /** The question's embedding; null: keywords only. */
  vector: Float32Array | null;
  /** The embedder id the vectors were stored under. */
  model: string | null;
  candidates: number;
  minSimilarity: number;
  filters?: SearchFilters;
}

export interface RankAnswer {
  keywordIds: number[];
  /** Null when there was no vector or no chunk has one yet (then the search is keyword-only). */
  vectorIds: number[] | null;
}

export interface CandidateRanker {
  rank(request: RankRequest): Promise<RankAnswer>;
  /** Reads the vectors of `model` ahead of the first question. */
  preload(model: string): Promise<void>;
  close(): Promise<void>;
}

export class LocalRanker implements CandidateRanker {
  readonly #index: KnowledgeIndex;
  #live: LiveVectors | null = null;

  constructor(index: KnowledgeIndex) {
    this.#index = index;
  }

  #vectors(model: string): LiveVectors {
    if (this.#live?.model !== model) this.#live = new LiveVectors(this.#index.db, model);
    return this.#live;
  }

  rankNow(request: RankRequest): RankAnswer {
    const index = this.#index;
    const version = index.version();
    const match = ftsMatchExpression(request.query);
    const keywordIds = match ? index.keywordSearch(match, request.candidates, request.filters) : [];
    if (!request.vector || !request.model) return { keywordIds, vectorIds: null };
    const matrix = this.#vectors(request.model).sync(version);
    if (!matrix) return { keywordIds, vectorIds: null };
    const vectorIds = matrix
      .search(request.vector, request.candidates, index.allowedChunkIds(request.filters))
      .filter((h) => h.similarity >= request.minSimilarity)
      .map((h) => h.id);
    return { keywordIds, vectorIds };
  }

  rank(request: RankRequest): Promise<RankAnswer> {
    return Promise.resolve(this.rankNow(request));
  }

  preload(model: string): Promise<void> {
    this.#vectors(model).sync(this.#index.version());
    return Promise.resolve();
  }

  /** How many times the vectors were read in full (tests: following the index must not reload). */
  get fullLoads(): number {
    return this.#live?.loads ?? 0;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
