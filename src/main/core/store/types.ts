// What the turn pipeline needs from the stores. Implementations live beside
// this file (SQLite through better-sqlite3); every one is optional to the Assistant, so a turn
// still works when a store is off or broken.
import type { HistoryEntry } from '../../../shared/records';
import type { Language, TurnMarks } from '../../../shared/turn';

export interface ResponseQuery {
  question: string;
  language: Language;
  model: string;
  systemPrompt: string;
  /** True when the prompt carried memories or conversation context the answer may depend on. */
  usedContext: boolean;
}

export interface CachedResponse {
  reply: string;
  /** How the entry matched. */
  match: 'exact' | 'semantic';
  similarity: number;
}

export interface ResponseCache {
  lookup(query: ResponseQuery): Promise<CachedResponse | null>;
  /** Stores the reply when the caching rules allow it; resolves to whether it was stored. */
  save(query: ResponseQuery, reply: string): Promise<boolean>;
}

export interface TtsCacheKey {
  text: string;
  voiceId: string;
  speed: number;
}

export interface CachedAudio {
  sampleRate: number;
  samples: Float32Array;
}

export interface TtsCache {
  get(key: TtsCacheKey): CachedAudio | null;
  put(key: TtsCacheKey, audio: CachedAudio): void;
}

/** A saved exchange: the same record the contract's history.list returns. */
export type HistoryTurn = HistoryEntry;

export interface HistoryStore {
  /** The last `limit` turns, oldest first. */
  recent(limit: number): HistoryTurn[];
  append(turn: HistoryTurn): void;
}

export interface MemoryRecall {
  /** For the prompt: standing profile facts, then the facts relevant to the question. */
  texts: string[];
  /** The facts that match the question; when empty, the answer does not depend on memory. */
  relevant: string[];
}

/** Started at key-down; runs while speech-to-text runs. */
export interface MemoryPreparation {
  /** Resolves when everything that does not need the transcript is loaded (profile, recent context). */
  ready: Promise<void>;
  /** One retrieval for the transcript. */
  finish(transcript: string, signal?: AbortSignal): Promise<MemoryRecall>;
}

export interface MemoryService {
  prepare(): MemoryPreparation;
  /** After a turn, off the hot path: queue the turn for batched fact extraction. */
  afterTurn(turn: HistoryTurn): void;
}

export interface MetricsStore {
  record(turnId: string, marks: TurnMarks, meta: Record<string, string | number | boolean | null>): void;
}
