// OllamaLanguageModel with the real `ollama` client against the fake Ollama over real HTTP on loopback:
// streaming, cancel and warm. Errors, timeouts and retries: ollama-llm-faults.test.ts. The client's
// overhead in milliseconds is measured by the benchmark (bench/ollama-client-overhead.ts); here every
// check is an order of events, so a busy machine cannot fail it.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { OllamaLanguageModel } from '../../../../src/main/core/engines/llm/ollama-llm';
import { chatRequest, freePort, REPLY, runChat, useFakeOllama } from '../../../support/ollama-llm-harness';
import { recordingLogger } from '../../../support/store-fixtures';

const fake = useFakeOllama();

describe('OllamaLanguageModel: streaming', () => {
  it('yields tokens as they arrive, long before the reply is finished', async () => {
    // A second between tokens: a client that buffered the reply would yield nothing for ten seconds.
    const server = await fake({ perTokenDelayMs: 1_000 });
    const tokens: string[] = [];
    const writtenWhenYielded: number[] = [];
    for await (const chunk of new OllamaLanguageModel({ host: server.url }).chat(chatRequest())) {
      if (chunk.type !== 'token') continue;
      tokens.push(chunk.text);
      writtenWhenYielded.push(server.requests[0]!.tokensSentAt.length);
    }
    expect(tokens.join('')).toBe(REPLY);
    expect(tokens.length).toBe(11);
    expect(writtenWhenYielded[0]).toBeLessThan(11);
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
  it('abort mid-stream ends the turn with an AbortError before the next token, and the server sees the connection close', async () => {
    // The next token is 10 s away: ending before it proves the abort, not the reply, ended the turn.
    const server = await fake({ perTokenDelayMs: 10_000 });
    const controller = new AbortController();
    const chunks = new OllamaLanguageModel({ host: server.url }).chat(chatRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
    expect((await chunks.next()).value).toEqual({ type: 'token', text: 'The' });
    const pending = chunks.next();
    pending.catch(() => {});
    await delay(30);
    controller.abort();
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
    expect(server.requests[0]!.tokensSentAt).toHaveLength(1);
    await expect.poll(() => server.requests[0]!.abortedAt, { timeout: 5_000, interval: 5 }).not.toBeNull();
    expect(server.requests[0]!.tokensSentAt).toHaveLength(1); // it stopped writing
    // (undici then opens a fresh idle keep-alive connection on its own; it carries no request.)
    await delay(100);
    expect(server.requests).toHaveLength(1);
    expect(await chunks.next()).toEqual({ done: true, value: undefined });
  });

  // The waits below are minutes long and the test has 15 s: only the abort can end them in time.
  it('abort while waiting for the first token (during retries too) ends the wait', { timeout: 15_000 }, async () => {
    const server = await fake({ fault: 'never-first-token' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ signal: controller.signal, firstTokenTimeoutMs: 600_000 }));
    expect((out.error as Error).name).toBe('AbortError');

    const nobody = `http://127.0.0.1:${await freePort()}`;
    const again = new AbortController();
    setTimeout(() => again.abort(), 120);
    const retrying = await runChat(new OllamaLanguageModel({ host: nobody, retry: { attempts: 50, baseMs: 600_000, maxMs: 600_000 } }), chatRequest({ signal: again.signal, firstTokenTimeoutMs: 3_600_000 }));
    expect((retrying.error as Error).name).toBe('AbortError');
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
    await expect(new OllamaLanguageModel({ host: nobody, logger }).warm('llama3.2:3b', '30m', 2048)).resolves.toBeUndefined();
    expect(logger.lines.at(-1)?.fields?.reason).toContain('not running');

    const server = await fake({ fault: 'http500' });
    await expect(new OllamaLanguageModel({ host: server.url, logger }).warm('missing:1b', '30m', 2048)).resolves.toBeUndefined();
    expect(logger.lines.at(-1)?.fields?.reason).toContain('ollama pull missing:1b');
  });

  // The fake answers in ten minutes and the test has 15 s: only warm()'s own limit ends the wait.
  it('gives up quietly when loading takes longer than its own timeout', { timeout: 15_000 }, async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 600_000 });
    await expect(new OllamaLanguageModel({ host: server.url, warmTimeoutMs: 200 }).warm('llama3.2:3b', '30m', 2048)).resolves.toBeUndefined();
  });
  it('stops at once when its signal aborts (the app or the CLI closing), and runs once per model at a time', { timeout: 15_000 }, async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 600_000 });
    const model = new OllamaLanguageModel({ host: server.url, warmTimeoutMs: 600_000 });
    const closing = new AbortController();
    const first = model.warm('llama3.2:3b', '30m', 2048, closing.signal);
    const second = model.warm('llama3.2:3b', '30m', 2048, closing.signal); // another key press while loading
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.filter((r) => r.path === '/api/chat')).toHaveLength(1);
    closing.abort();
    // Ollama would answer in ten minutes and warm() would wait as long: only the abort ends both.
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
  });
});
