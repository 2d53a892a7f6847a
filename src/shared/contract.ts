// The contract between renderer and main: every request (name → params → result)
// and every event (name → payload). Hosts (Electron IPC, the browser host's WebSocket) and the
// renderer bridge are derived from these maps; a channel name is written once, here.
import { z } from 'zod';
import type { ErrorInfo } from './errors';
import type { HotkeyNote } from './hotkey-note';
import type {
  CacheStats,
  ChatModelChoice,
  ConversationSummary,
  HistoryEntry,
  HistorySearchHit,
  MemoryItem,
  ModelProgress,
  ModelState,
  SetupStatus,
  StageSummary,
  TurnMetricsRow,
} from './records';
import { CACHE_KINDS } from './records';
import type { EventChannelName, RequestChannelName } from './channels';
import { PRESET_NAMES, type Settings } from './settings';
import type { DocumentSource, TurnEvent, TurnResult } from './turn';
import type { KnowledgeProgress, KnowledgeSource } from './knowledge';

const MAX_CHUNK_SAMPLES = 16_000 * 2; // 2 s of 16 kHz audio per chunk at most
/** A file or folder path typed, dropped or quoted; the knowledge service checks that it exists. */
const documentPath = z.string().trim().min(1, 'type the path of a file or folder').max(4096).refine((p) => !p.includes('\0'), 'a path cannot contain a NUL character');
/** A settings patch is small; anything bigger or deeper is not a settings patch. */
const MAX_PATCH_CHARS = 16_000;
const MAX_PATCH_DEPTH = 4;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const turnId = z.string().min(1).max(64);
const noParams = z.object({}).strict();
/** Catalog model ids: "whisper-base", "piper-en_US-amy-low". */
const catalogId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'not a model id');
/** Ollama model names: "llama3.2:3b", "hf.co/owner/repo:Q4_K_M". */
const ollamaName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'not an Ollama model name');

/** Conversation ids: uuids, or "earlier" for the turns saved before conversations existed. */
const conversationId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'not a conversation id');

/** True when the value is plain JSON-like data, not too deep, without prototype-polluting keys. */
function isSafePatch(value: unknown, depth = 0): boolean {
  if (depth > MAX_PATCH_DEPTH) return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((item) => isSafePatch(item, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.keys(value).every((key) => !FORBIDDEN_KEYS.has(key) && isSafePatch((value as Record<string, unknown>)[key], depth + 1));
}

function patchSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const settingsPatch = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected an object of settings to change')
  .refine((value) => isSafePatch(value), 'settings patch has forbidden keys or is nested too deeply')
  .refine((value) => patchSize(value) <= MAX_PATCH_CHARS, 'settings patch is too large');

export const requestSchemas = {
  // Turns
  // The caller names the turn it starts (so its events are known as its own from the first one).
  'turn.begin': z.object({ turnId: turnId.optional() }).strict(),
  'turn.audio': z
    .object({
      turnId,
      samples: z.instanceof(Float32Array).refine((s) => s.length <= MAX_CHUNK_SAMPLES, 'audio chunk too long'),
    })
    .strict(),
  // silentIfEmpty: the page heard no speech, so a capture that transcribes to nothing is no turn.
  'turn.end': z.object({ turnId, silentIfEmpty: z.boolean().optional() }).strict(),
  'turn.cancel': z.object({ turnId: turnId.optional() }).strict(),
  'turn.ask': z.object({ text: z.string().trim().min(1).max(4000), turnId: turnId.optional() }).strict(),
  // Main stamps firstAudioPlayed when this arrives (IPC and loopback add well under a millisecond).
  'turn.played': z.object({ turnId }).strict(),
  // Settings
  'settings.get': noParams,
  'settings.update': z.object({ patch: settingsPatch }).strict(),
  'settings.applyPreset': z.object({ preset: z.enum(PRESET_NAMES) }).strict(),
  // History, caches, memory, latency
  'history.list': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  'cache.stats': noParams,
  'cache.clear': z.object({ kind: z.enum(CACHE_KINDS).optional() }).strict(),
  'memory.list': noParams,
  'memory.update': z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), text: z.string().trim().min(1).max(500) }).strict(),
  'memory.delete': z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict(),
  'metrics.recent': z.object({ limit: z.number().int().min(1).max(1000) }).strict(),
  'metrics.summary': noParams,
  // Models and first run
  'models.list': noParams,
  'setup.status': noParams,
  'models.fetch': z.object({ id: catalogId }).strict(),
  /** Cancels a models.fetch (catalog id) or an ollama.pull (model name) in progress. */
  'models.cancel': z.object({ id: z.union([catalogId, ollamaName]) }).strict(),
  'ollama.pull': z.object({ model: ollamaName }).strict(),
  // The app itself
  'app.info': noParams,
  // Conversations
  'history.conversations': noParams,
  'history.show': z.object({ id: conversationId }).strict(),
  'history.new': noParams,
  'history.open': z.object({ id: conversationId }).strict(),
  'history.rename': z.object({ id: conversationId, title: z.string().trim().max(120) }).strict(),
  'history.delete': z.object({ id: conversationId }).strict(),
  'history.clear': noParams,
  'history.search': z.object({ query: z.string().max(200) }).strict(),
  'ollama.models': noParams,
  // Hands-free listening: the window's open microphone, 16 kHz mono, while hands-free is on
  'listening.audio': z
    .object({ samples: z.instanceof(Float32Array).refine((s) => s.length <= MAX_CHUNK_SAMPLES, 'audio chunk too long') })
    .strict(),
  /** The user paused the microphone: drop a question being heard and wait. */
  'listening.pause': noParams,
  // Document knowledge: typed or dropped paths of files and folders on this computer
  'knowledge.list': noParams,
  'knowledge.add': z.object({ paths: z.array(documentPath).min(1).max(100) }).strict(),
  'knowledge.remove': z.object({ path: documentPath }).strict(),
  'knowledge.reindex': noParams,
  'knowledge.control': z.object({ action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
  /** Desktop app only: the native file/folder picker; its choice is added like knowledge.add. */
  'knowledge.choose': noParams,
  /** Desktop app only: opens a file a reply quoted, with the system's default app. */
  'knowledge.open': z.object({ path: documentPath }).strict(),
  /** The documents these turns' replies quoted, for their source chips after a reload. */
  'knowledge.quoted': z.object({ turnIds: z.array(turnId).min(1).max(500) }).strict(),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestParams<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export { REQUEST_NAMES, EVENT_NAMES, isRequestName, isEventName, requestChannel, eventChannel } from './channels';

/** How the global push-to-talk key works right now (Electron only). */
export interface HotkeyStatus {
  /** False in the browser host, or when no binding could be registered. */
  available: boolean;
  /** The accelerator in use, e.g. "CommandOrControl+Shift+Space". */
  binding: string;
  /** The mode asked for in settings. */
  requestedMode: 'hold' | 'toggle';
  /** The mode in effect: toggle when hold-to-talk cannot run (e.g. Wayland). */
  mode: 'hold' | 'toggle';
  paused: boolean;
  /** Why the mode in effect differs from the one asked for, or why the key is unavailable. */
  note: HotkeyNote | null;
}

export interface AppInfo {
  name: string;
  version: string;
  /** process.platform of main: "linux", "darwin", "win32". */
  platform: string;
  host: 'electron' | 'browser';
  /** Whether holding a global key (real key-up) works on this system. */
  holdToTalk: boolean;
  hotkey: HotkeyStatus;
  /** Start-up problems to show the user once (settings reset, a damaged database kept aside), worded by code. */
  startupNotices: ErrorInfo[];
}

export interface RequestResults {
  'turn.begin': { turnId: string };
  'turn.audio': null;
  /** Accepted at once; the transcript, reply and result arrive as 'turn' events. */
  'turn.end': null;
  'turn.cancel': null;
  'turn.ask': { turnId: string };
  'turn.played': null;
  'settings.get': Settings;
  'settings.update': Settings;
  'settings.applyPreset': Settings;
  /** Newest last. */
  'history.list': HistoryEntry[];
  'cache.stats': CacheStats[];
  /** The stats after clearing. */
  'cache.clear': CacheStats[];
  'memory.list': MemoryItem[];
  'memory.update': MemoryItem;
  'memory.delete': null;
  /** Newest first. */
  'metrics.recent': TurnMetricsRow[];
  'metrics.summary': StageSummary[];
  'models.list': ModelState[];
  'setup.status': SetupStatus;
  /** Resolves when the model is installed and verified; progress arrives as 'model.progress'. */
  'models.fetch': null;
  /** False when nothing with that id was in progress. */
  'models.cancel': { cancelled: boolean };
  /** Resolves when the pull finished; progress arrives as 'model.progress'. */
  'ollama.pull': null;
  'app.info': AppInfo;
  /** Newest activity first. */
  'history.conversations': ConversationSummary[];
  /** The conversation's turns, oldest first. */
  'history.show': HistoryEntry[];
  /** The new current conversation (an empty current one is reused). */
  'history.new': ConversationSummary;
  /** Makes it current so the next turn continues it. */
  'history.open': ConversationSummary;
  'history.rename': ConversationSummary;
  'history.delete': null;
  'history.clear': null;
  /** Matching turns, newest first. */
  'history.search': HistorySearchHit[];
  /** The chat models Ollama has installed (embedding-only models left out). */
  'ollama.models': ChatModelChoice[];
  'listening.audio': null;
  'listening.pause': null;
  'knowledge.list': KnowledgeSource[];
  /** Accepted at once with the sources as they stand; progress arrives as 'knowledge.progress'. */
  'knowledge.add': KnowledgeSource[];
  /** The sources after removing. */
  'knowledge.remove': KnowledgeSource[];
  'knowledge.reindex': KnowledgeSource[];
  /** False when no indexing run was in progress. */
  'knowledge.control': { applied: boolean };
  /** The sources after adding the chosen paths; unchanged when the picker was dismissed. */
  'knowledge.choose': KnowledgeSource[];
  'knowledge.open': null;
  /** By turn id; a turn whose reply quoted no document is absent. */
  'knowledge.quoted': Record<string, DocumentSource[]>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** What main asks the renderer to do when the global hotkey (or the tray's Talk) is used. */
export interface HotkeyEvent {
  /** pressed: start capturing (turn.begin); released: stop (turn.end). */
  action: 'pressed' | 'released';
  source: 'hotkey' | 'tray';
  /** pressed: the id the new turn takes (main's hotkey starts it, so main names it). */
  turnId?: string;
}

export interface EventPayloads {
  turn: TurnEvent;
  'settings.changed': Settings;
  notice: { level: 'info' | 'warning' | 'error'; message: string };
  'model.progress': ModelProgress;
  hotkey: HotkeyEvent;
  'hotkey.status': HotkeyStatus;
  /** Main asks the renderer to show a view (tray menu "Settings"). */
  'ui.open': { view: 'talk' | 'settings' | 'latency' };
  /** What hands-free listening is doing now. */
  /** turnId: the turn main began for what it heard (capturing, answering), so the window can show it. */
  'listening.state': { state: ListeningState; turnId?: string | null };
  'knowledge.progress': KnowledgeProgress;
}

/**
 * waiting: for the wake word; capturing: hearing a question; answering: the reply is on its way;
 * follow-up: a question needs no wake word for a few seconds; paused: the microphone is not heard.
 */
export type ListeningState = 'waiting' | 'capturing' | 'answering' | 'follow-up' | 'paused';

export type EventName = keyof EventPayloads;

// Compile-time checks that channels.ts lists exactly the requests and events defined here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestNamesMatch: Same<RequestName, RequestChannelName> = true;
const eventNamesMatch: Same<EventName, EventChannelName> = true;
void requestNamesMatch;
void eventNamesMatch;

export type { TurnResult };
