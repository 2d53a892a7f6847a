// OllamaLanguageModel with the real `ollama` client against the fake Ollama over real HTTP on loopback.
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { isEarshotError } from '../../src/shared/errors';
import type { Logger } from '../../src/main/core/logger';
import { OllamaLanguageModel } from '../../src/main/core/engines/ollama-llm';
import type { ChatRequest, ChatStats } from '../../src/main/core/engines/types';
import { startFakeOllama, type FakeOllama, type FakeOllamaScript } from '../support/fake-ollama';

const REPLY = 'The sky looks blue because air scatters blue light the most.';
const started: FakeOllama[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function fake(script: Partial<FakeOllamaScript> = {}, port?: number): Promise<FakeOllama> {
  const server = await startFakeOllama({ reply: REPLY, ...script }, { port });
  started.push(server);
  return server;
}

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
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

interface Outcome {
  tokens: string[];
  tokenTimes: number[];
  stats: ChatStats | null;
  error: unknown;
  elapsedMs: number;
}

async function run(model: OllamaLanguageModel, chat: ChatRequest): Promise<Outcome> {
  const outcome: Outcome = { tokens: [], tokenTimes: [], stats: null, error: null, elapsedMs: 0 };
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

function codeOf(error: unknown): string | null {
  return isEarshotError(error) ? error.code : null;
}

function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('OllamaLanguageModel: streaming', () => {
  it('yields tokens as they arrive, long before the reply is finished', async () => {
    const server = await fake({ perTokenDelayMs: 40 });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request());
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(out.tokens.length).toBe(11);
    const lastSent = server.requests[0]!.tokensSentAt.at(-1)!;
    // 10 gaps of 40 ms between first and last token: the first must be in hand ~400 ms before the last is sent.
    expect(lastSent - out.tokenTimes[0]!).toBeGreaterThan(300);
    // And each token is yielded within a few ms of being written.
    server.requests[0]!.tokensSentAt.forEach((sentAt, i) => expect(out.tokenTimes[i]! - sentAt).toBeLessThan(30));
  });

  it('sends model, messages, stream, keep_alive and options num_ctx / num_predict / temperature', async () => {
    const server = await fake();
    await run(new OllamaLanguageModel({ host: server.url }), request({ maxTokens: 150, temperature: 0.2, keepAlive: '45m' }));
    const recorded = server.requests.find((r) => r.path === '/api/chat')!;
    expect(recorded.method).toBe('POST');
    expect(recorded.body).toMatchObject({
      model: 'llama3.2:3b',
      messages: request().messages,
      stream: true,
      keep_alive: '45m',
      options: { num_ctx: 2048, num_predict: 150, temperature: 0.2 },
    });
  });

  it('ends with the stats Ollama reports, durations in ms', async () => {
    const server = await fake({ stats: { load_duration: 12_345_678, prompt_eval_duration: 2_500_000, eval_duration: 40_000_000, prompt_eval_count: 42 } });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request());
    expect(out.stats).toEqual({ promptEvalCount: 42, evalCount: 11, promptEvalMs: 2.5, evalMs: 40, loadMs: 12.346, doneReason: 'stop' });
  });

  it('reports done_reason "length" when the token cap cut the answer', async () => {
    const server = await fake();
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ maxTokens: 4 }));
    expect(out.tokens).toHaveLength(4);
    expect(out.stats).toMatchObject({ evalCount: 4, doneReason: 'length' });
  });
});

describe('OllamaLanguageModel: failures', () => {
  const timeoutMs = 2_000;

  it('HTTP 500 → llm_http_error quoting Ollama, no retry', async () => {
    const server = await fake({ fault: 'http500' });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ firstTokenTimeoutMs: timeoutMs }));
    expect(codeOf(out.error)).toBe('llm_http_error');
    expect((out.error as Error).message).toContain('HTTP 500: llama runner process has terminated');
    expect(server.requests.filter((r) => r.path === '/api/chat')).toHaveLength(1);
    expect(out.elapsedMs).toBeLessThan(timeoutMs + 1_000);
  });

  it('connection cut after 3 tokens → the 3 tokens stay yielded, then llm_stream_broken, no retry', async () => {
    const server = await fake({ fault: 'cut-mid-stream', faultAfterTokens: 3, perTokenDelayMs: 5 });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ firstTokenTimeoutMs: timeoutMs }));
    expect(out.tokens).toEqual(['The', ' sky', ' looks']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    expect((out.error as Error).message).toMatch(/cut off.*try again/);
    expect(server.requests).toHaveLength(1);
    expect(out.elapsedMs).toBeLessThan(timeoutMs + 1_000);
  });

  it('Ollama going silent mid-reply → llm_stream_broken after the stall timeout, keeping the tokens so far', async () => {
    const server = await fake({ fault: 'stall-mid-stream', faultAfterTokens: 3, perTokenDelayMs: 5 });
    const out = await run(new OllamaLanguageModel({ host: server.url, stallTimeoutMs: 300 }), request({ firstTokenTimeoutMs: timeoutMs }));
    expect(out.tokens).toEqual(['The', ' sky', ' looks']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    expect((out.error as Error).message).toMatch(/silent for 0\.3 s mid-reply.*try again/);
    expect(out.elapsedMs).toBeLessThan(300 + 1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('a malformed NDJSON line → llm_stream_broken after the good tokens, not a reply with a word silently missing', async () => {
    const server = await fake({ fault: 'malformed-ndjson', faultAfterTokens: 3 });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ firstTokenTimeoutMs: timeoutMs }));
    expect(out.tokens).toEqual(['The', ' sky', ' looks']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    expect((out.error as Error).message).toContain('not JSON');
    expect(server.requests).toHaveLength(1);
  });

  it('headers but never a first token → llm_timeout just after the timeout, and the connection is closed', async () => {
    const server = await fake({ fault: 'never-first-token' });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ firstTokenTimeoutMs: 500 }));
    expect(codeOf(out.error)).toBe('llm_timeout');
    expect((out.error as Error).message).toBe(
      `Ollama at ${server.url} did not start answering within 0.5 s — it may still be loading "llama3.2:3b"; try again, or raise the timeout in settings`,
    );
    expect(out.elapsedMs).toBeGreaterThanOrEqual(495);
    expect(out.elapsedMs).toBeLessThan(1_500);
    await expect.poll(() => server.requests[0]!.abortedAt).not.toBeNull();
  });

  it('response headers that never come in time → llm_timeout', async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 3_000 });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ firstTokenTimeoutMs: 500 }));
    expect(codeOf(out.error)).toBe('llm_timeout');
    expect(out.elapsedMs).toBeLessThan(1_500);
  });

  it('a slow first token inside the timeout is fine: the timeout covers only the wait for the first token', async () => {
    const server = await fake({ firstTokenDelayMs: 300, perTokenDelayMs: 60 });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ firstTokenTimeoutMs: 500 }));
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(out.elapsedMs).toBeGreaterThan(800); // the whole reply took longer than the timeout
  });

  it('an unknown model → llm_model_missing naming the pull command', async () => {
    const server = await fake();
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ model: 'qwen9:1b', firstTokenTimeoutMs: timeoutMs }));
    expect(codeOf(out.error)).toBe('llm_model_missing');
    expect((out.error as Error).message).toBe('The model "qwen9:1b" is not installed in Ollama — run `ollama pull qwen9:1b`');
    expect(server.requests).toHaveLength(1);
  });

  it('nothing listening → llm_unreachable after its retries, within the timeout', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;
    const logger = recordingLogger();
    const model = new OllamaLanguageModel({ host, logger, retry: { attempts: 4, baseMs: 50, maxMs: 200 } });
    const out = await run(model, request({ firstTokenTimeoutMs: timeoutMs }));
    expect(codeOf(out.error)).toBe('llm_unreachable');
    expect((out.error as Error).message).toBe(`Ollama is not running at ${host} — start it with \`ollama serve\``);
    expect(logger.lines.filter((l) => l.message.includes('retrying'))).toHaveLength(3);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(25 + 50 + 100); // the three waits at their shortest
    expect(out.elapsedMs).toBeLessThan(timeoutMs + 1_000);
  });

  it('retries stop at the first-token deadline even with many attempts allowed', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;
    const model = new OllamaLanguageModel({ host, retry: { attempts: 100, baseMs: 100, maxMs: 400 } });
    const out = await run(model, request({ firstTokenTimeoutMs: 1_000 }));
    expect(codeOf(out.error)).toBe('llm_unreachable');
    expect(out.elapsedMs).toBeLessThan(1_000);
  });

  it('a server that starts listening 300 ms late is reached thanks to retry', async () => {
    const port = await freePort();
    const late = delay(300).then(() => fake({}, port));
    const logger = recordingLogger();
    const out = await run(new OllamaLanguageModel({ host: `http://127.0.0.1:${port}`, logger }), request());
    const server = await late;
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(logger.lines.some((l) => l.message.includes('retrying'))).toBe(true);
    expect(server.requests.filter((r) => r.path === '/api/chat')).toHaveLength(1);
  });

  it('a busy Ollama (503) is asked again and the reply comes through', async () => {
    const server = await fake({ fault: (r) => (r.index === 0 ? 'http503' : null) });
    const out = await run(new OllamaLanguageModel({ host: server.url }), request());
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries once a token was yielded, whatever happens after', async () => {
    const server = await fake({ fault: 'cut-mid-stream', faultAfterTokens: 1 });
    const out = await run(new OllamaLanguageModel({ host: server.url, retry: { attempts: 10 } }), request());
    expect(out.tokens).toEqual(['The']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    await delay(300);
    expect(server.requests).toHaveLength(1);
  });
});

describe('OllamaLanguageModel: cancel', () => {
  it('abort mid-stream ends the turn within 50 ms with an AbortError, and the server sees the connection close', async () => {
    const server = await fake({ perTokenDelayMs: 200 });
    const controller = new AbortController();
    const chunks = new OllamaLanguageModel({ host: server.url }).chat(request({ signal: controller.signal }))[Symbol.asyncIterator]();
    expect((await chunks.next()).value).toEqual({ type: 'token', text: 'The' });
    const pending = chunks.next();
    pending.catch(() => {});
    await delay(30);
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    const latency = performance.now() - abortedAt;
    expect((error as Error).name).toBe('AbortError');
    expect(latency).toBeLessThan(50);
    await expect.poll(() => server.requests[0]!.abortedAt, { timeout: 1_000, interval: 5 }).not.toBeNull();
    expect(server.requests[0]!.abortedAt! - abortedAt).toBeLessThan(50);
    expect(server.requests[0]!.tokensSentAt).toHaveLength(1); // it stopped writing
    // (undici then opens a fresh idle keep-alive connection on its own; it carries no request.)
    await delay(100);
    expect(server.requests).toHaveLength(1);
    expect(await chunks.next()).toEqual({ done: true, value: undefined });
  });

  it('abort while waiting for the first token (during retries too) ends at once', async () => {
    const server = await fake({ fault: 'never-first-token' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ signal: controller.signal }));
    expect((out.error as Error).name).toBe('AbortError');
    expect(out.elapsedMs).toBeLessThan(150);

    const nobody = `http://127.0.0.1:${await freePort()}`;
    const again = new AbortController();
    setTimeout(() => again.abort(), 120);
    const retrying = await run(new OllamaLanguageModel({ host: nobody, retry: { attempts: 50, baseMs: 100, maxMs: 100 } }), request({ signal: again.signal }));
    expect((retrying.error as Error).name).toBe('AbortError');
    expect(retrying.elapsedMs).toBeLessThan(170);
  });

  it('an already-aborted signal sends nothing', async () => {
    const server = await fake();
    const out = await run(new OllamaLanguageModel({ host: server.url }), request({ signal: AbortSignal.abort() }));
    expect((out.error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('a consumer that stops reading closes the connection so Ollama stops generating', async () => {
    const server = await fake({ perTokenDelayMs: 100 });
    for await (const chunk of new OllamaLanguageModel({ host: server.url }).chat(request())) {
      if (chunk.type === 'token') break;
    }
    await expect.poll(() => server.requests[0]!.abortedAt, { timeout: 1_000 }).not.toBeNull();
    expect(server.requests[0]!.finishedAt).toBeNull();
  });
});

describe('OllamaLanguageModel: warm', () => {
  it('asks Ollama to load the model with keep_alive and no messages', async () => {
    const server = await fake();
    await new OllamaLanguageModel({ host: server.url }).warm('llama3.2:3b', '30m');
    expect(server.requests[0]!.body).toMatchObject({ model: 'llama3.2:3b', messages: [], keep_alive: '30m', stream: false });
    const ps = (await (await fetch(`${server.url}/api/ps`)).json()) as { models: { name: string }[] };
    expect(ps.models.map((m) => m.name)).toEqual(['llama3.2:3b']);
  });

  it('never throws: unreachable resolves at once, a missing model or HTTP error is only logged', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const logger = recordingLogger();
    const t0 = performance.now();
    await expect(new OllamaLanguageModel({ host: nobody, logger }).warm('llama3.2:3b', '30m')).resolves.toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(200);
    expect(logger.lines.at(-1)?.fields?.reason).toContain('not running');

    const server = await fake({ fault: 'http500' });
    await expect(new OllamaLanguageModel({ host: server.url, logger }).warm('missing:1b', '30m')).resolves.toBeUndefined();
    expect(logger.lines.at(-1)?.fields?.reason).toContain('ollama pull missing:1b');
  });

  it('gives up quietly when loading takes longer than its own timeout', async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 5_000 });
    const t0 = performance.now();
    await new OllamaLanguageModel({ host: server.url, warmTimeoutMs: 200 }).warm('llama3.2:3b', '30m');
    expect(performance.now() - t0).toBeLessThan(400);
  });
});

describe('OllamaLanguageModel: overhead', () => {
  it('measures client overhead to the first token and abort latency over loopback', async () => {
    const server = await fake({ reply: 'Hi there.' });
    const model = new OllamaLanguageModel({ host: server.url });
    await run(model, request()); // warm the connection pool and JIT
    const firsts: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const out = await run(model, request());
      firsts.push(out.tokenTimes[0]! - t0);
    }
    firsts.sort((a, b) => a - b);
    const median = firsts[15]!;
    console.info(`[ollama-llm] time to first token at 0 ms scripted delay: median ${median.toFixed(2)} ms, max ${firsts.at(-1)!.toFixed(2)} ms`);
    expect(median).toBeLessThan(20);

    server.setScript({ reply: REPLY, perTokenDelayMs: 100 });
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const controller = new AbortController();
      const chunks = model.chat(request({ signal: controller.signal }))[Symbol.asyncIterator]();
      await chunks.next();
      const pending = chunks.next().catch((e: unknown) => e);
      await delay(10);
      const t0 = performance.now();
      controller.abort();
      await pending;
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    console.info(`[ollama-llm] abort latency: median ${latencies[5]!.toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms`);
    expect(latencies.at(-1)!).toBeLessThan(50);
  });
});
