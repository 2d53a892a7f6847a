// The uncached part of a search: the chunk ids BM25 ranks best, and those nearest the question's
// vector. Runs where the index connection lives: in this thread (the CLI, tests) or in the search
// worker (the app), so the main thread never waits on a scan.
import { checkPages } from '../store/database-file';
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
  /**
   * True when the vector scan could not run just now (its worker is reading the vectors, checking
   * the index, or failed): a keyword-only answer for now, which must not be cached as the answer.
   */
  vectorsUnavailable?: boolean;
}

/** The two halves of a ranking, which can run on two threads at once. */
export type RankPart = 'keywords' | 'vectors';

export interface CandidateRanker {
  rank(request: RankRequest): Promise<RankAnswer>;
  /** Makes ready ahead of the first question: reads the vectors of `model` (null: keywords only). */
  preload(model: string | null): Promise<void>;
  /** Reads every page of the index to find damage; null when there is none. Seconds for a large index. */
  checkPages(): Promise<string | null>;
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

  /** BM25's best chunk ids. */
  keywordIds(request: RankRequest): number[] {
    const match = ftsMatchExpression(request.query);
    return match ? this.#index.keywordSearch(match, request.candidates, request.filters) : [];
  }

  /** The chunk ids nearest the question's vector; null when there is none, or no chunk has one yet. */
  vectorIds(request: RankRequest): number[] | null {
    if (!request.vector || !request.model) return null;
    const matrix = this.#vectors(request.model).sync(this.#index.version());
    if (!matrix) return null;
    return matrix
      .search(request.vector, request.candidates, this.#index.allowedChunkIds(request.filters))
      .filter((h) => h.similarity >= request.minSimilarity)
      .map((h) => h.id);
  }

  part(request: RankRequest, part: RankPart): number[] | null {
    return part === 'keywords' ? this.keywordIds(request) : this.vectorIds(request);
  }

  rankNow(request: RankRequest): RankAnswer {
    return { keywordIds: this.keywordIds(request), vectorIds: this.vectorIds(request) };
  }

  rank(request: RankRequest): Promise<RankAnswer> {
    return Promise.resolve(this.rankNow(request));
  }

  preload(model: string | null): Promise<void> {
    if (model !== null) this.#vectors(model).sync(this.#index.version());
    return Promise.resolve();
  }

  checkPages(): Promise<string | null> {
    return Promise.resolve(checkPages(this.#index.db));
  }

  /** How many times the vectors were read in full (tests: following the index must not reload). */
  get fullLoads(): number {
    return this.#live?.loads ?? 0;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
