// Messages between the main thread and a document search worker.
import type { RankPart, RankRequest } from './candidate-ranker';

export interface SearchWorkerInit {
  /** knowledge.db, opened read-only in the worker (the main thread's connection writes). */
  dbPath: string;
}

/** `preload` reads the vectors of `model`; with null it only has the worker start and open the index. */
export type SearchWorkerRequest =
  | { type: 'rank'; id: number; part: RankPart; request: RankRequest }
  | { type: 'preload'; id: number; model: string | null }
  /** Reads every page of the index to find damage: seconds for a large one, so never before a turn. */
  | { type: 'check'; id: number };

export type SearchWorkerReply =
  | { type: 'ranked'; id: number; ids: number[] | null }
  | { type: 'preloaded'; id: number }
  /** `damage`: what SQLite found wrong with the pages; null when nothing. */
  | { type: 'checked'; id: number; damage: string | null }
  | { type: 'failed'; id: number; message: string };
