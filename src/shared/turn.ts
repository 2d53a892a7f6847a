// Turn events and latency marks: what the core emits for one turn.
import type { ErrorInfo } from './errors';

export const MARK_NAMES = [
  'keyDown',
  'keyUp',
  'sttDone',
  'memoryReady',
  'llmRequest',
  'llmFirstToken',
  'firstSentence',
  'ttsFirstChunk',
  'firstAudioPlayed',
  'llmDone',
  'turnDone',
] as const;

export type MarkName = (typeof MARK_NAMES)[number];

/** Milliseconds since the turn began (keyDown for spoken turns, the request for typed ones). */
export type TurnMarks = Partial<Record<MarkName, number>>;

export type TurnState = 'idle' | 'listening' | 'transcribing' | 'thinking' | 'speaking';

export type CacheOutcome = 'hit' | 'miss' | 'off';

export type Language = 'en' | 'pt';
export type LanguageSetting = 'auto' | Language;

export type TurnEvent =
  | { type: 'state'; turnId: string; state: TurnState }
  | { type: 'transcript'; turnId: string; text: string; final: boolean }
  | { type: 'token'; turnId: string; text: string }
  | { type: 'sentence'; turnId: string; index: number; text: string }
  | {
      type: 'audio';
      turnId: string;
      /** Sentence index this audio belongs to. */
      sentence: number;
      /** Chunk sequence number within the turn, from 0. */
      seq: number;
      sampleRate: number;
      samples: Float32Array;
    }
  | { type: 'error'; turnId: string; error: ErrorInfo }
  | { type: 'done'; turnId: string; result: TurnResult };

export interface TurnResult {
  transcript: string;
  reply: string;
  language: Language;
  /** False when the reply was cut short (cancel, error, token cap). */
  complete: boolean;
  cache: { response: CacheOutcome };
  marks: TurnMarks;
  error: ErrorInfo | null;
  /** The documents the reply drew on, best first; absent when none were used. */
  sources?: DocumentSource[];
}

/** A file from the user's document index that a reply quoted. */
export interface DocumentSource {
  path: string;
  heading: string | null;
  page: number | null;
}

export type TurnEventType = TurnEvent['type'];
