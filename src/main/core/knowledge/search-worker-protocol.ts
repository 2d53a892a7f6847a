// Messages between the main thread and the document search worker.
import type { RankAnswer, RankRequest } from './candidate-ranker';

export interface SearchWorkerInit {
  /** knowledge.db, opened read-only in the worker (the main thread's connection writes). */
  dbPath: string;
}

export type SearchWorkerRequest = { type: 'rank'; id: number; request: RankRequest } | { type: 'preload'; id: number; model: string };

export type SearchWorkerReply = { type: 'ranked'; id: number; answer: RankAnswer } | { type: 'preloaded'; id: number } | { type: 'failed'; id: number; message: string };
