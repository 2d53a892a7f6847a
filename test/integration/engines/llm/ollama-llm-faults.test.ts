// OllamaLanguageModel against a misbehaving or missing Ollama over real HTTP on loopback: HTTP errors,
// broken and stalled streams, timeouts, a missing model, and when it retries and when it must not.
// Elapsed time is only bounded from below (a timer never fires early); an upper bound would fail
// on a busy machine, so that it did not wait too long is shown by the error code and the retries.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { isEarshotError } from '../../../../src/shared/errors';
import { OllamaLanguageModel } from '../../../../src/main/core/engines/llm/ollama-llm';
import { chatRequest, freePort, REPLY, runChat, useFakeOllama } from '../../../support/ollama-llm-harness';
import { recordingLogger } from '../../../support/store-fixtures';

const fake = useFakeOllama();

function codeOf(error: unknown): string | null {
  return isEarshotError(error) ? error.code : null;
}

describe('OllamaLanguageModel: failures', () => {
  const timeoutMs = 2_000;

  it('HTTP 500 → llm_http_error quoting Ollama, no retry', async () => {
    const server = await fake({ fault: 'http500' });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ firstTokenTimeoutMs: timeoutMs }));
    expect(codeOf(out.error)).toBe('llm_http_error');
    expect((out.error as Error).message).toContain('HTTP 500: llama runner process has terminated');
    expect(server.requests.filter((r) => r.path === '/api/chat')).toHaveLength(1);
  });

  it('an error answered in plain text (a proxy, another server on the port) → its text in the error, nothing printed', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const { port } = server.address() as AddressInfo;
      const out = await runChat(new OllamaLanguageModel({ host: `http://127.0.0.1:${port}` }), chatRequest({ firstTokenTimeoutMs: timeoutMs }));
      expect(codeOf(out.error)).not.toBeNull();
      expect((out.error as Error).message).toContain('404 page not found');
      expect(printed).not.toHaveBeenCalled(); // the ollama client logs "Getting text from response" for non-JSON errors
    } finally {
      printed.mockRestore();
      server.close();
    }
  });

  it('connection cut after 3 tokens → the 3 tokens stay yielded, then llm_stream_broken, no retry', async () => {
    const server = await fake({ fault: 'cut-mid-stream', faultAfterTokens: 3, perTokenDelayMs: 5 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ firstTokenTimeoutMs: timeoutMs }));
    expect(out.tokens).toEqual(['The', ' sky', ' looks']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    expect((out.error as Error).message).toMatch(/cut off.*try again/);
    expect(server.requests).toHaveLength(1);
  });

  it('Ollama going silent mid-reply → llm_stream_broken after the stall timeout, keeping the tokens so far', async () => {
    const server = await fake({ fault: 'stall-mid-stream', faultAfterTokens: 3, perTokenDelayMs: 5 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url, stallTimeoutMs: 300 }), chatRequest({ firstTokenTimeoutMs: timeoutMs }));
    expect(out.tokens).toEqual(['The', ' sky', ' looks']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    expect((out.error as Error).message).toMatch(/silent for 0\.3 s mid-reply.*try again/);
    expect(server.requests).toHaveLength(1);
  });

  it('a malformed NDJSON line → llm_stream_broken after the good tokens, not a reply with a word silently missing', async () => {
    const server = await fake({ fault: 'malformed-ndjson', faultAfterTokens: 3 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ firstTokenTimeoutMs: timeoutMs }));
    expect(out.tokens).toEqual(['The', ' sky', ' looks']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    expect((out.error as Error).message).toContain('not JSON');
    expect(server.requests).toHaveLength(1);
  });

  it('headers but never a first token → llm_timeout just after the timeout, and the connection is closed', async () => {
    const server = await fake({ fault: 'never-first-token' });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ firstTokenTimeoutMs: 500 }));
    expect(codeOf(out.error)).toBe('llm_timeout');
    expect((out.error as Error).message).toBe(
      `Ollama at ${server.url} did not start answering within 0.5 s — it may still be loading "llama3.2:3b"; try again, or raise the timeout in settings`,
    );
    expect(out.elapsedMs).toBeGreaterThanOrEqual(495);
    await expect.poll(() => server.requests[0]!.abortedAt).not.toBeNull();
  });

  it('response headers that never come in time → llm_timeout', async () => {
    const server = await fake({ fault: 'slow-headers', headersDelayMs: 3_000 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ firstTokenTimeoutMs: 500 }));
    expect(codeOf(out.error)).toBe('llm_timeout');
  });

  it('a slow first token inside the timeout is fine: the timeout covers only the wait for the first token', async () => {
    const server = await fake({ firstTokenDelayMs: 300, perTokenDelayMs: 60 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ firstTokenTimeoutMs: 500 }));
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(out.elapsedMs).toBeGreaterThan(800); // the whole reply took longer than the timeout
  });

  it('an unknown model → llm_model_missing naming the pull command', async () => {
    const server = await fake();
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest({ model: 'qwen9:1b', firstTokenTimeoutMs: timeoutMs }));
    expect(codeOf(out.error)).toBe('llm_model_missing');
    expect((out.error as Error).message).toBe('The model "qwen9:1b" is not installed in Ollama — run `ollama pull qwen9:1b`');
    expect(server.requests).toHaveLength(1);
  });

  it('nothing listening → llm_unreachable after its retries, within the timeout', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;
    const logger = recordingLogger();
    const model = new OllamaLanguageModel({ host, logger, retry: { attempts: 4, baseMs: 50, maxMs: 200 } });
    const out = await runChat(model, chatRequest({ firstTokenTimeoutMs: timeoutMs }));
    expect(codeOf(out.error)).toBe('llm_unreachable');
    expect((out.error as Error).message).toBe(`Ollama is not running at ${host} — start it with \`ollama serve\``);
    expect(logger.lines.filter((l) => l.message.includes('retrying'))).toHaveLength(3);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(25 + 50 + 100); // the three waits at their shortest
  });

  it('retries stop at the first-token deadline even with many attempts allowed', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;
    const logger = recordingLogger();
    const model = new OllamaLanguageModel({ host, logger, retry: { attempts: 100, baseMs: 100, maxMs: 400 } });
    const out = await runChat(model, chatRequest({ firstTokenTimeoutMs: 1_000 }));
    expect(codeOf(out.error)).toBe('llm_unreachable');
    // A second holds a handful of waits of 100–400 ms, nowhere near the 99 allowed.
    const retries = logger.lines.filter((l) => l.message.includes('retrying')).length;
    expect(retries).toBeGreaterThan(0);
    expect(retries).toBeLessThan(10);
  });

  it('a server that starts listening 300 ms late is reached thanks to retry', async () => {
    const port = await freePort();
    const late = delay(300).then(() => fake({}, port));
    const logger = recordingLogger();
    const out = await runChat(new OllamaLanguageModel({ host: `http://127.0.0.1:${port}`, logger }), chatRequest());
    const server = await late;
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(logger.lines.some((l) => l.message.includes('retrying'))).toBe(true);
    expect(server.requests.filter((r) => r.path === '/api/chat')).toHaveLength(1);
  });

  it('a busy Ollama (503) is asked again and the reply comes through', async () => {
    const server = await fake({ fault: (r) => (r.index === 0 ? 'http503' : null) });
    const out = await runChat(new OllamaLanguageModel({ host: server.url }), chatRequest());
    expect(out.error).toBeNull();
    expect(out.tokens.join('')).toBe(REPLY);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries once a token was yielded, whatever happens after', async () => {
    const server = await fake({ fault: 'cut-mid-stream', faultAfterTokens: 1 });
    const out = await runChat(new OllamaLanguageModel({ host: server.url, retry: { attempts: 10 } }), chatRequest());
    expect(out.tokens).toEqual(['The']);
    expect(codeOf(out.error)).toBe('llm_stream_broken');
    await delay(300);
    expect(server.requests).toHaveLength(1);
  });
});
