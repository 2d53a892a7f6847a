// Shared setup for the OllamaLanguageModel integration tests (ollama-llm*.test.ts): fake Ollamas
// closed after each test, a chat request, a chat run to its outcome, and a port nobody listens on.
import { createServer } from 'node:net';
import { afterEach } from 'vitest';
import type { OllamaLanguageModel } from '../../src/main/core/engines/llm/ollama-llm';
import type { ChatRequest, ChatStats } from '../../src/main/core/engines/types';
import { startFakeOllama, type FakeOllama, type FakeOllamaScript } from './fake-ollama';

export const REPLY = 'The sky looks blue because air scatters blue light the most.';

/** Call at the top of a test file: returns a starter of fake Ollamas (replying REPLY) that are closed after each test. */
export function useFakeOllama(): (script?: Partial<FakeOllamaScript>, port?: number) => Promise<FakeOllama> {
  const started: FakeOllama[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((fake) => fake.close()));
  });
  return async (script = {}, port) => {
    const server = await startFakeOllama({ reply: REPLY, ...script }, { port });
    started.push(server);
    return server;
  };
}

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'llama3.2:3b',
    messages: [
      { role: 'system', content: 'You are Earshot.' },
      { role: 'user', content: 'Why is the sky blue?' },
    ],
    contextTokens: 2048,
    maxTokens: 300,
    temperature: 0.7,
    keepAlive: '30m',
    firstTokenTimeoutMs: 5_000,
    ...overrides,
  };
}

export interface ChatOutcome {
  tokens: string[];
  tokenTimes: number[];
  stats: ChatStats | null;
  error: unknown;
  elapsedMs: number;
}

/** Runs one chat to the end, catching its error. */
export async function runChat(model: OllamaLanguageModel, chat: ChatRequest): Promise<ChatOutcome> {
  const outcome: ChatOutcome = { tokens: [], tokenTimes: [], stats: null, error: null, elapsedMs: 0 };
  const t0 = performance.now();
  try {
    for await (const chunk of model.chat(chat)) {
      if (chunk.type === 'token') {
        outcome.tokens.push(chunk.text);
        outcome.tokenTimes.push(performance.now());
      } else outcome.stats = chunk.stats;
    }
  } catch (error) {
    outcome.error = error;
  }
  outcome.elapsedMs = performance.now() - t0;
  return outcome;
}

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
