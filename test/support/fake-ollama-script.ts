// What the fake Ollama (fake-ollama.ts) can be scripted to do — replies, delays, installed models,
// faults — and what it records about each request it serves.
import type { CpuModel } from './fake-ollama-cpu-model';

export const FAKE_FAULTS = ['http500', 'http503', 'cut-mid-stream', 'stall-mid-stream', 'malformed-ndjson', 'never-first-token', 'slow-headers'] as const;
export type FakeFault = (typeof FAKE_FAULTS)[number];

/** What a scripted reply or fault can look at. */
export interface FakeGeneration {
  path: '/api/chat' | '/api/generate';
  model: string;
  messages: { role: string; content: string }[];
  prompt: string;
  options: Record<string, unknown>;
  /** 0 for the first chat/generate request this server saw, 1 for the next, … */
  index: number;
}

export interface FakeOllamaScript {
  reply: string | ((request: FakeGeneration) => string);
  /** Delay before the first token (Ollama's prompt processing). */
  firstTokenDelayMs: number;
  /** Delay between tokens. */
  perTokenDelayMs: number;
  /** Installed models; a name without a tag means ":latest". */
  models: string[];
  fault: FakeFault | null | ((request: FakeGeneration) => FakeFault | null);
  /** cut-mid-stream / malformed-ndjson strike after this many tokens. */
  faultAfterTokens: number;
  /** slow-headers: delay before the response headers. */
  headersDelayMs: number;
  /** Reported in the final object, in nanoseconds like Ollama; measured when not given. */
  stats: Partial<Record<'load_duration' | 'prompt_eval_duration' | 'eval_duration' | 'prompt_eval_count', number>>;
  embeddingDimensions: number;
  /** Delay between /api/pull progress lines. */
  pullStepDelayMs: number;
  version: string;
  /**
   * Opt-in: time chat/generate by a CPU model with one KV slot per model instead of the fixed
   * delays above, and report the prompt tokens actually evaluated (fake-ollama-cpu-model.ts).
   */
  cpu?: CpuModel | null;
}

export const DEFAULT_FAKE_SCRIPT: FakeOllamaScript = {
  reply: 'Hello! This is a scripted reply from the fake Ollama.',
  firstTokenDelayMs: 0,
  perTokenDelayMs: 0,
  models: ['llama3.2:3b', 'nomic-embed-text:latest'],
  fault: null,
  faultAfterTokens: 3,
  headersDelayMs: 1_000,
  stats: {},
  embeddingDimensions: 64,
  pullStepDelayMs: 0,
  version: '0.12.3',
};

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON body (undefined for GET or an unparsable body). */
  body: unknown;
  /** performance.now() when the request arrived. */
  receivedAt: number;
  /** performance.now() for each token line written. */
  tokensSentAt: number[];
  /** When the server finished its response, or null. */
  finishedAt: number | null;
  /** When the client went away before the response was finished, or null. */
  abortedAt: number | null;
  /**
   * With a CPU model: prompt tokens, how many the slot evaluated, their prefill time, and when the
   * slot took the request (after any queue).
   */
  cpu?: { promptTokens: number; evaluated: number; prefillMs: number; slotAt: number };
}
