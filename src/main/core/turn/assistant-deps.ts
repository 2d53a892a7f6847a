// What the Assistant is built from: engines, stores and the outside world, passed in.
import type { ErrorCode } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { Language } from '../../../shared/turn';
import type { Clock } from '../platform/clock';
import type { LanguageModel, SpeechToText, TextToSpeech, VoiceActivityDetector } from '../engines/types';
import type { Logger } from '../platform/logger';
import type { PromptBuilder } from '../prompt/prompt-builder';
import type { DocumentRecall, HistoryStore, MemoryService, MetricsStore, ResponseCache, TtsCache } from '../store/types';
import type { Schedule } from './prefix-warmer';

export interface AssistantEngines {
  stt(): SpeechToText;
  vad(): VoiceActivityDetector | null;
  llm(): LanguageModel;
  tts(): TextToSpeech | null;
}

export interface AssistantStores {
  responseCache?: ResponseCache | null;
  ttsCache?: TtsCache | null;
  history?: HistoryStore | null;
  memory?: MemoryService | null;
  metrics?: MetricsStore | null;
  /** The user's document index; retrieval runs beside the memory retrieval. */
  documents?: DocumentRecall | null;
}

export interface AssistantDeps {
  engines: AssistantEngines;
  stores?: AssistantStores;
  settings: () => Settings;
  buildPrompt: PromptBuilder;
  clock?: Clock;
  logger?: Logger;
  newId?: () => string;
  /** Told about problems that are not part of a turn (a history write failed, …). */
  notify?: (level: 'info' | 'warning' | 'error', message: string) => void;
  /** num_ctx for every request (default 2048). */
  contextTokens?: number;
  /** Past turns offered to the prompt fitter (default 12). */
  historyTurns?: number;
  /** What Earshot says aloud for an error (the warmed phrases), or null to stay silent. */
  spokenError?: (code: ErrorCode, language: Language) => string | null;
  /** Timer for re-warming the prompt prefix in a quiet moment (tests pass a scripted one). */
  schedule?: Schedule;
}
