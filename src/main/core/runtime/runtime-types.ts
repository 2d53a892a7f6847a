// What a front door (Electron, browser host, CLI) gets from the composition root: the Assistant
// plus the stores and services behind settings, history, caches, memory, models and latency.
import type { KnowledgeLibrary } from '../knowledge/knowledge-library';
import type { ErrorInfo } from '../../../shared/errors';
import type {
  CacheKind,
  CacheStats,
  ChatModelChoice,
  HistoryEntry,
  MemoryItem,
  ModelProgress,
  ModelState,
  SetupStatus,
  StageSummary,
  TurnMetricsRow,
} from '../../../shared/records';
import type { ConversationBook } from '../store/types';
import type { Assistant } from '../turn/assistant';
import type { Paths } from '../platform/paths';
import type { SettingsStore } from '../settings/settings-store';
import type { HandsFreeSession } from '../turn/hands-free-session';
import type { SpawnWakeWorker } from '../engines/wake/wake-worker-client';

export interface RuntimeOverrides {
  llmHost?: string;
  llmModel?: string;
  llmTimeoutMs?: number;
}

export interface RuntimeOptions {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  overrides?: RuntimeOverrides;
  /** Warm the TTS cache in the background after start (the app: yes; one CLI turn: no). */
  warmCaches?: boolean;
  /** How to start the wake-word worker (the packaged app's bundled entry); defaults to tsx from source. */
  spawnWakeWorker?: SpawnWakeWorker;
}

export interface Runtime {
  readonly paths: Paths;
  readonly assistant: Assistant;
  readonly settings: SettingsStore;
  /** A start-up problem to show the user (settings reset, a damaged database kept aside), or null. */
  readonly notice: string | null;
  /** The same problems one by one, in English (the command line's language). */
  readonly notices: readonly string[];
  /** The same problems as code and params, for the page to word in its language. */
  readonly startupProblems: readonly ErrorInfo[];
  history(limit: number): HistoryEntry[];
  /** Conversations; throws storage_failed when earshot.db could not be opened. */
  conversations(): ConversationBook;
  /** The chat models installed in Ollama, for the picker. */
  chatModels(): Promise<ChatModelChoice[]>;
  cacheStats(): CacheStats[];
  clearCache(kind?: CacheKind): void;
  memories(): MemoryItem[];
  updateMemory(id: number, text: string): MemoryItem;
  deleteMemory(id: number): void;
  /** Recent turns' marks for the latency view, newest first. */
  recentMetrics(limit: number): TurnMetricsRow[];
  stageSummary(): StageSummary[];
  models(): Promise<ModelState[]>;
  setupStatus(): Promise<SetupStatus>;
  /** Downloads a catalog model (stt/tts); resolves when installed and verified. */
  fetchModel(id: string, onProgress: (p: ModelProgress) => void, signal?: AbortSignal): Promise<void>;
  /** Pulls an Ollama model through Ollama's pull API. */
  pullOllamaModel(name: string, onProgress: (p: ModelProgress) => void, signal?: AbortSignal): Promise<void>;
  /** Problems found after start (e.g. cache warm-up failed); also sent as notices. */
  onNotice(listener: (notice: { level: 'info' | 'warning' | 'error'; message: string }) => void): () => void;
  /** Sends a notice to the onNotice listeners (e.g. a preset whose model is not installed). */
  notify?(level: 'info' | 'warning' | 'error', message: string): void;
  close(): Promise<void>;
  /** Hands-free listening fed by the window's open microphone. */
  readonly handsFree: HandsFreeSession;
  /** The user’s document sources; null or absent when knowledge.db could not be opened. */
  readonly knowledge?: KnowledgeLibrary | null;
}

export type { ErrorInfo };
