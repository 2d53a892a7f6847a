// The engine interfaces the Assistant is built from. One real implementation each
// lives beside this file; scripted doubles live in test/support. All audio is mono Float32 in
// [-1, 1]; speech-to-text and VAD input is 16 kHz.
import type { Language, LanguageSetting } from '../../../shared/turn';

export const STT_SAMPLE_RATE = 16_000;

export interface TranscribeOptions {
  language: LanguageSetting;
  /** 1 = greedy, up to 5. */
  beamSize: number;
  /** Cap on decoded tokens. */
  maxTokens: number;
  signal?: AbortSignal;
}

export interface Transcription {
  text: string;
  /** Detected (auto) or requested language. */
  language: Language;
  /** Number of text tokens decoded. */
  tokenCount: number;
  /** Where the time went (ms): the encoder pass (log-mel included) and the decoder's steps. */
  timings?: { encoderMs: number; decoderMs: number };
}

export interface SpeechToText {
  /** Identifies model + variant, for caches and metrics. */
  readonly id: string;
  /**
   * Load the model if it is not loaded yet. Idempotent; concurrent calls share one load. An engine
   * that warms by running decodes them with `beamSize` beams (default 1): the beam count the
   * person's clips will use, since a new batch size is slow on its first runs.
   */
  warm(beamSize?: number): Promise<void>;
  /** 16 kHz mono audio (at most 30 s) → text. Loads the model on first use. */
  transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription>;
  dispose(): Promise<void>;
}

/** A stretch of speech, in samples from the start of the stream. */
export interface SpeechSegment {
  start: number;
  end: number;
}

/** Streaming voice activity detection over one utterance. */
export interface VadStream {
  /** Feed audio; resolves with the speech segments that have ended (followed by enough silence). */
  push(samples: Float32Array): Promise<SpeechSegment[]>;
  /** End of audio: resolves with the segment still open, if any. */
  finish(): Promise<SpeechSegment[]>;
}

export interface VadStreamOptions {
  /**
   * Speech has just begun at this sample, called while push() runs, before it resolves. A segment
   * that turns out too short to keep has still started here: speech start is the quick signal
   * (a barge-in), the segments are the careful one.
   */
  onSpeechStart?: (sample: number) => void;
}

export interface VoiceActivityDetector {
  warm(): Promise<void>;
  createStream(options?: VadStreamOptions): VadStream;
  dispose(): Promise<void>;
}

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** num_ctx */
  contextTokens: number;
  /** num_predict */
  maxTokens: number;
  temperature: number;
  keepAlive: string;
  /** Time allowed until the first token arrives, in ms. */
  firstTokenTimeoutMs: number;
  signal?: AbortSignal;
}

export interface ChatStats {
  promptEvalCount: number | null;
  evalCount: number | null;
  promptEvalMs: number | null;
  evalMs: number | null;
  loadMs: number | null;
  doneReason: string | null;
}

/** A prompt to evaluate into the model's cache, answering (almost) nothing: see LanguageModel.prefill. */
export interface PrefillRequest {
  model: string;
  messages: ChatMessage[];
  /** num_ctx: the chats' own, or Ollama reloads the model and the cache is lost. */
  contextTokens: number;
  keepAlive: string;
  signal?: AbortSignal;
}

export type ChatChunk = { type: 'token'; text: string } | { type: 'done'; stats: ChatStats };

export interface LanguageModel {
  /** Streams the reply. Errors are EarshotError (llm_unreachable, llm_timeout, llm_model_missing, …). */
  chat(request: ChatRequest): AsyncIterable<ChatChunk>;
  /**
   * Ask the server to load the model (keep_alive) without generating. Never throws. contextTokens
   * must be the num_ctx the chats will use: Ollama reloads a model whose runner options differ.
   */
  /** Loads the model ahead of the first chat; never throws; stops when `signal` aborts. */
  warm(model: string, keepAlive: string, contextTokens: number, signal?: AbortSignal): Promise<void>;
  /**
   * Evaluates `messages` into the model's prompt cache so that a chat starting with them only pays
   * for what follows. Resolves with the server's counts (null when it did not complete); never throws.
   */
  prefill?(request: PrefillRequest): Promise<ChatStats | null>;
}

export interface SynthesizeOptions {
  language: Language;
  speed: number;
  signal?: AbortSignal;
  /** Called with audio as it is made, in order. */
  onChunk?: (samples: Float32Array, sampleRate: number) => void;
}

export interface SynthesizedAudio {
  sampleRate: number;
  samples: Float32Array;
}

export interface TextToSpeech {
  /** Voice id + engine version for a language, for caches. */
  voiceId(language: Language): string;
  warm(language: Language): Promise<void>;
  synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedAudio>;
  dispose(): Promise<void>;
}
