// `npx tsx bench/ollama-client-overhead.ts`: what the Ollama client itself costs over loopback, against
// the fake Ollama with no scripted delay — the time to the first token and how long an abort takes
// to end a turn mid-reply. Numbers, not pass/fail: on a busy machine they grow with the load, which
// is why no test asserts them.
import { setTimeout as delay } from 'node:timers/promises';
import { OllamaLanguageModel } from '../src/main/core/engines/llm/ollama-llm';
import type { ChatRequest } from '../src/main/core/engines/types';
import { startFakeOllama } from '../test/support/fake-ollama';
import { percentilesOf } from './percentiles';

const REPLY = 'The sky looks blue because air scatters blue light the most.';

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'llama3.2:3b',
    messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    contextTokens: 2048,
    maxTokens: 300,
    temperature: 0.7,
    keepAlive: '30m',
    firstTokenTimeoutMs: 5_000,
    ...overrides,
  };
}

async function firstTokenMs(model: OllamaLanguageModel, request: ChatRequest): Promise<number> {
  const t0 = performance.now();
  let first = Number.NaN;
  for await (const chunk of model.chat(request)) if (chunk.type === 'token' && Number.isNaN(first)) first = performance.now() - t0;
  return first;
}

async function abortMs(model: OllamaLanguageModel): Promise<number> {
  const controller = new AbortController();
  const chunks = model.chat(chatRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
  await chunks.next();
  const pending = chunks.next().catch((e: unknown) => e);
  await delay(10);
  const t0 = performance.now();
  controller.abort();
  await pending;
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const server = await startFakeOllama({ reply: 'Hi there.' });
  try {
    const model = new OllamaLanguageModel({ host: server.url });
    await firstTokenMs(model, chatRequest()); // warm the connection pool and the JIT
    const firsts: number[] = [];
    for (let i = 0; i < 30; i++) firsts.push(await firstTokenMs(model, chatRequest()));
    server.setScript({ reply: REPLY, perTokenDelayMs: 100 });
    const aborts: number[] = [];
    for (let i = 0; i < 10; i++) aborts.push(await abortMs(model));
    const line = (name: string, values: number[]) =>
      `${name}: median ${percentilesOf(values)?.p50} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} runs)`;
    process.stdout.write(`${line('time to first token at 0 ms scripted delay', firsts)}\n${line('abort to end of turn', aborts)}\n`);
  } finally {
    await server.close();
  }
}

void main();
