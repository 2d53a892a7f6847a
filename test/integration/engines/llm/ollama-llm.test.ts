// OllamaLanguageModel with the real `ollama` client against the fake Ollama over real HTTP on loopback:
// streaming, cancel, warm and overhead. Errors, timeouts and retries: ollama-llm-faults.test.ts.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { OllamaLanguageModel } from '../../../../src/main/core/engines/llm/ollama-llm';
import { chatRequest, freePort, REPLY, runChat, useFakeOllama } from '../../../support/ollama-llm-harness';
import { recordingLogger } from '../../../support/store-fixtures';

const fake = useFakeOllama();

describe('OllamaLanguageModel: streaming', () => {
  it('yields tokens as they arrive, long before the reply is finished', async () => {
    const server = await fake({ perTokenDelayMs: 40 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest());
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
    await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ maxTokens: 150, temperature: 0.2, keepAlive: '45m' }));
    const recorded = server.requests.find((r) => r.path === '/api/chat')!;
    expect(recorded.method).toBe('POST');
    expect(recorded.body).toMatchObject({
      model: 'llama3.2:3b',
      messages: chatRequest().messages,
      stream: true,
      keep_alive: '45m',
      options: { num_ctx: 2048, num_predict: 150, temperature: 0.2 },
    });
  });

  it('sends a keep-alive given as a number of seconds as a number, which Ollama accepts', async () => {
    const server = await fake();
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ keepAlive: '3600' }));
    expect(out.error).toBeNull();
    expect(out.tokens.length).toBeGreaterThan(0);
    expect(server.requests.find((r) => r.path === '/api/chat')!.body).toMatchObject({ keep_alive: 3600 });
  });

  it('ends with the stats Ollama reports, durations in ms', async () => {
    const server = await fake({ stats: { load_duration: 12_345_678, prompt_eval_duration: 2_500_000, eval_duration: 40_000_000, prompt_eval_count: 42 } });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest());
    expect(out.stats).toEqual({ promptEvalCount: 42, evalCount: 11, promptEvalMs: 2.5, evalMs: 40, loadMs: 12.346, doneReason: 'stop' });
  });

  it('reports done_reason "length" when the token cap cut the answer', async () => {
    const server = await fake();
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ maxTokens: 4 }));
    expect(out.tokens).toHaveLength(4);
    expect(out.stats).toMatchObject({ evalCount: 4, doneReason: 'length' });
  });
});

describe('OllamaLanguageModel: cancel', () => {
  it('abort mid-stream ends the turn within 50 ms with an AbortError, and the server sees the connection close', async () => {
    const server = await fake({ perTokenDelayMs: 200 });
    const controller = new AbortController();
    const chunks = new OllamaLanguageModel({ host: server.url }).chat(chatRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
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
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ signal: controller.signal }));
    expect((out.error as Error).name).toBe('AbortError');
    expect(out.elapsedMs).toBeLessThan(150);

    const nobody = `http://127.0.0.1:${await freePort()}`;
    const again = new AbortController();
    setTimeout(() => again.abort(), 120);
    const retrying = await runChat(new OllamaLanguageModel({ host: nobody, retry: { attempts: 50, baseMs: 100, maxMs: 100 } }), chatRequest({ signal: again.signal }));
    expect((retrying.error as Error).name).toBe('AbortError');
    expect(retrying.elapsedMs).toBeLessThan(170);
  });

  it('an already-aborted signal sends nothing', async () => {
    const server = await fake();
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ signal: AbortSignal.abort() }));
    expect((out.error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('a consumer that stops reading closes the connection so Ollama stops generating', async () => {
    const server = await fake({ perTokenDelayMs: 100 });
    for await (const chunk of new OllamaLanguageModel({ host: server.url }).chat(chatRequest())) {
      if (chunk.type === 'token') break;
    }
    await expect.poll(() => server.requests[0]!.abortedAt, { timeout: 1_000 }).not.toBeNull();
    expect(server.requests[0]!.finishedAt).toBeNull();
  });
});

describe('OllamaLanguageModel: warm', () => {
  it('asks Ollama to load the model with keep_alive, no messages, and the num_ctx the chats will use', async () => {
    const server = await fake();
    await new OllamaLanguageModel({ host: server.url }).warm('llama3.2:3b', '30m', 2048);
    // Without options.num_ctx Ollama would load at its default context and reload for the first chat.
    expect(server.requests[0]!.body).toMatchObject({ model: 'llama3.2:3b', messages: [], keep_alive: '30m', stream: false, options: { num_ctx: 2048 } });
    const ps = (await (await fetch(`${server.url}/api/ps`)).json()) as { models: { name: string }[] };
    expect(ps.models.map((m) => m.name)).toEqual(['llama3.2:3b']);
  });

  it('never throws: unreachable resolves at once, a missing model or HTTP error is only logged', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const logger = recordingLogger();
    const t0 = performance.now();
    await expect(new OllamaLanguageModel({ host: nobody, logger }).warm('llama3.2:3b', '30m', 2048)).resolves.toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(200);
    expect(logger.lines.at(-1)?.fields?.reason).toContain('not running');

    const server = await fake({ fault: 'http500' });
    await expect(new OllamaLanguageModel({ host: server.url, logger }).warm('missing:1b', '30m', 2048)).resolves.toBeUndefined();
    expect(logger.lines.at(-1)?.fields?.reason).toContain('ollama pull missing:1b');
  });

  it('gives up quietly when loading takes longer than its own timeout', async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 5_000 });
    const t0 = performance.now();
    await new OllamaLanguageModel({ host: server.url, warmTimeoutMs: 200 }).warm('llama3.2:3b', '30m', 2048);
    expect(performance.now() - t0).toBeLessThan(400);
  });
  it('stops at once when its signal aborts (the app or the CLI closing), and runs once per model at a time', async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 5_000 });
    const model = new OllamaLanguageModel({ host: server.url });
    const closing = new AbortController();
    const first = model.warm('llama3.2:3b', '30m', 2048, closing.signal);
    const second = model.warm('llama3.2:3b', '30m', 2048, closing.signal); // another key press while loading
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.filter((r) => r.path === '/api/chat')).toHaveLength(1);
    const t0 = performance.now();
    closing.abort();
    await Promise.all([first, second]);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('OllamaLanguageModel: overhead', () => {
  it('measures client overhead to the first token and abort latency over loopback', async () => {
    const server = await fake({ reply: 'Hi there.' });
    const model = new OllamaLanguageModel({ host: server.url });
    await runChat(model, chatRequest()); // warm the connection pool and JIT
    const firsts: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const out = await runChat(model, chatRequest());
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
      const chunks = model.chat(chatRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
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
