// Messages between the main thread and a document search worker.
import type { RankPart, RankRequest } from './candidate-ranker';

export interface SearchWorkerInit {
  /** knowledge.db, opened read-only in the worker (the main thread's connection writes). */
  dbPath: string;
}

/** `preload` reads the vectors of `model`; with null it only has the worker start and open the index. */
export type SearchWorkerRequest = { type: 'rank'; id: number; part: RankPart; request: RankRequest } | { type: 'preload'; id: number; model: string | null };

export type SearchWorkerReply =
  | { type: 'ranked'; id: number; ids: number[] | null }
  | { type: 'preloaded'; id: number }
  | { type: 'failed'; id: number; message: string };
