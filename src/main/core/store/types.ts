// What the turn pipeline needs from the stores. Implementations live beside
// this file (SQLite through better-sqlite3); every one is optional to the Assistant, so a turn
// still works when a store is off or broken.
import type { ConversationSummary, HistoryEntry, HistorySearchHit } from '../../../shared/records';
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
  /**
   * The transcript is known: start embedding the question now, while the memories and documents
   * for the turn are still being fetched, so the lookup that follows them does not wait for it.
   */
  prefetch?(question: string): void;
  /** Stores the reply when the caching rules allow it; resolves to whether it was stored. */
  save(query: ResponseQuery, reply: string): Promise<boolean>;
  /** At launch, in the background: loads recent entries and wakes the embedder, so the first lookup is as quick as later ones. */
  warm?(signal?: AbortSignal): Promise<ResponseCacheWarmup>;
}

export interface ResponseCacheWarmup {
  /** Scopes (model + system prompt + language) now held in memory, and their entries. */
  scopes: number;
  entries: number;
  /** Whether the embedder answered (an embedding model is present and loaded). */
  embedderAwake: boolean;
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

/** A passage from the user's documents, retrieved for this turn's question. */
export interface DocumentPassage {
  path: string;
  heading: string | null;
  page: number | null;
  text: string;
}

export interface DocumentRecallResult {
  /** Best first, already within the prompt's token budget; empty when nothing relevant was found. */
  passages: DocumentPassage[];
  /** The index version they came from: part of the response cache's scope. */
  version: number;
}

/** Retrieval from the user's documents; runs beside the memory retrieval once the transcript is known. */
export interface DocumentRecall {
  recall(question: string, signal?: AbortSignal): Promise<DocumentRecallResult | null>;
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
  /** The memories every prompt quotes first whatever the question, for now (none when memory is off). */
  standing?(): string[];
  /** After a turn, off the hot path: queue the turn for batched fact extraction. */
  afterTurn(turn: HistoryTurn): void;
}

/** Conversations: the list, the current one, names, search, deletion (conversation-store.ts). */
export interface ConversationBook {
  list(): ConversationSummary[];
  start(): ConversationSummary;
  open(id: string): ConversationSummary;
  turns(id: string): HistoryTurn[];
  rename(id: string, title: string): ConversationSummary;
  delete(id: string): void;
  clear(): void;
  search(query: string): HistorySearchHit[];
}

export interface MetricsStore {
  record(turnId: string, marks: TurnMarks, meta: Record<string, string | number | boolean | null>): void;
}
