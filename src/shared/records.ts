// Records that cross the contract: history, caches, memories, models, setup state, latency.
import type { ErrorInfo } from './errors';
import type { CacheOutcome, Language, TurnMarks } from './turn';

export interface HistoryEntry {
  id: string;
  /** Wall-clock ms since the epoch. */
  at: number;
  transcript: string;
  reply: string;
  language: Language;
  /** False when the reply was cut short (stopped, failed, token cap). */
  complete: boolean;
  /** The conversation the exchange belongs to (absent before it is saved). */
  conversationId?: string;
}

export const CACHE_KINDS = ['tts', 'response', 'retrieval'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export interface CacheStats {
  kind: CacheKind;
  hits: number;
  misses: number;
  /** hits / (hits + misses); 0 when nothing was looked up. */
  hitRate: number;
  entries: number;
  bytes: number;
  evictions: number;
}

export interface MemoryItem {
  id: number;
  text: string;
  kind: 'profile' | 'fact';
  createdAt: number;
  updatedAt: number;
}

export type ModelKind = 'stt' | 'tts' | 'vad' | 'embedding';

export interface ModelState {
  id: string;
  kind: ModelKind;
  languages: string[];
  sizeBytes: number;
  installed: boolean;
  description: string;
  /** True when the catalog pins no checksum and exact size for it, so its bytes cannot be verified. */
  unverified?: boolean;
}

export type ProgressPhase = 'connecting' | 'downloading' | 'verifying' | 'extracting' | 'testing' | 'installing' | 'done';

/** Progress of a model install: a catalog download or an Ollama pull, in one shape. */
export interface ModelProgress {
  source: 'catalog' | 'ollama';
  /** Catalog id or Ollama model name. */
  model: string;
  phase: ProgressPhase;
  /** What is being worked on: a file path, or Ollama's status line. */
  detail: string;
  receivedBytes: number;
  /** null while the size is unknown. */
  totalBytes: number | null;
  /** 0…1 when the total is known. */
  fraction: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

/** What the first-run check shows. The microphone is checked by the renderer itself. */
export interface SetupStatus {
  ollama: { host: string; reachable: boolean; version: string | null; error: ErrorInfo | null; loopback: boolean };
  chatModel: { name: string; installed: boolean };
  stt: { id: string; installed: boolean };
  voices: Record<Language, { id: string; installed: boolean }>;
}

export interface TurnMetricsRow {
  turnId: string;
  at: number;
  kind: 'voice' | 'text';
  cache: CacheOutcome;
  complete: boolean;
  marks: TurnMarks;
}

export interface StageSummary {
  /** e.g. "stt" (keyUp→sttDone), "voiceToVoice" (keyUp→firstAudioPlayed). */
  stage: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

/** A conversation as the list shows it. */
export interface ConversationSummary {
  id: string;
  /** The name given by the person, or '' when none was given (the list shows `preview`). */
  title: string;
  /** The first thing said, shortened; '' for a conversation with no turns yet. */
  preview: string;
  /** Wall-clock ms since the epoch. */
  createdAt: number;
  updatedAt: number;
  turns: number;
  /** The conversation new turns go to, and the only one the model sees. */
  current: boolean;
}

/** A turn that matches a search, with the conversation it is in. */
export interface HistorySearchHit {
  conversationId: string;
  conversationTitle: string;
  turn: HistoryEntry;
}

/** A chat model Ollama has installed, for the model picker. */
export interface ChatModelChoice {
  name: string;
  sizeBytes: number;
  /** e.g. "3.2B"; null when Ollama does not say. */
  parameterSize: string | null;
}
