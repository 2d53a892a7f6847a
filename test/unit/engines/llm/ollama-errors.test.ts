import { describe, expect, it } from 'vitest';
import { isAbortError, toErrorInfo } from '../../../../src/shared/errors';
import {
  abortError,
  classifyOllamaFailure,
  MalformedReplyError,
  ollamaError,
  STREAM_ENDED_EARLY_MESSAGE,
  type FailureContext,
} from '../../../../src/main/core/engines/llm/ollama-errors';

const context: FailureContext = { host: 'http://127.0.0.1:11434', model: 'llama3.2:3b', timeoutMs: 30_000 };

/** The shapes the `ollama` client and Node's fetch really throw. */
function responseError(status: number, message: string): Error {
  const error = Object.assign(new Error(message), { status_code: status, error: message });
  error.name = 'ResponseError';
  return error;
}
function fetchFailed(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:11434`), { code }) });
}

describe('classifyOllamaFailure', () => {
  it('calls a refused, reset or unresolvable connection before any answer "unreachable"', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'UND_ERR_SOCKET']) {
      expect(classifyOllamaFailure(fetchFailed(code), 'connect')).toEqual({ kind: 'unreachable', detail: code });
    }
    const both = new AggregateError([Object.assign(new Error('::1'), { code: 'ECONNREFUSED' })], 'connect failed');
    expect(classifyOllamaFailure(new TypeError('fetch failed', { cause: both }), 'connect').kind).toBe('unreachable');
  });

  it('calls the same socket failure after the reply began a broken stream', () => {
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(classifyOllamaFailure(cut, 'stream')).toEqual({ kind: 'stream-broken', detail: 'the connection was cut (UND_ERR_SOCKET)' });
  });

  it('reads HTTP statuses: 404 "model not found" is a missing model, 503 is busy, others are HTTP errors', () => {
    const missing = responseError(404, 'model "qwen9" not found, try pulling it first');
    expect(classifyOllamaFailure(missing, 'connect').kind).toBe('model-missing');
    expect(classifyOllamaFailure(responseError(404, '404 page not found'), 'connect')).toEqual({ kind: 'http', status: 404, text: '404 page not found' });
    expect(classifyOllamaFailure(responseError(503, 'server busy'), 'connect').kind).toBe('busy');
    expect(classifyOllamaFailure(responseError(500, 'llama runner process has terminated'), 'connect')).toEqual({
      kind: 'http',
      status: 500,
      text: 'llama runner process has terminated',
    });
  });

  it('recognises a malformed line, an early end, and an error object inside the stream', () => {
    expect(classifyOllamaFailure(new MalformedReplyError('{"mess'), 'stream').kind).toBe('stream-broken');
    expect(classifyOllamaFailure(new Error(STREAM_ENDED_EARLY_MESSAGE), 'stream').kind).toBe('stream-broken');
    expect(classifyOllamaFailure(new Error('an error was encountered while running the model'), 'stream')).toEqual({
      kind: 'server-error',
      text: 'an error was encountered while running the model',
    });
  });
});

describe('ollamaError', () => {
  it('tells the user to start Ollama when it is not running', () => {
    const error = ollamaError({ kind: 'unreachable', detail: 'ECONNREFUSED' }, context);
    expect(error.code).toBe('llm_unreachable');
    expect(error.message).toBe('Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`');
  });

  it('names the exact pull command for a missing model', () => {
    const error = ollamaError({ kind: 'model-missing', text: 'model "llama3.2:3b" not found' }, context);
    expect(error.code).toBe('llm_model_missing');
    expect(error.message).toBe('The model "llama3.2:3b" is not installed in Ollama — run `ollama pull llama3.2:3b`');
  });

  it('says how long it waited and what to change on a timeout', () => {
    expect(ollamaError({ kind: 'timeout' }, context).message).toBe(
      'Ollama at http://127.0.0.1:11434 did not start answering within 30 s — it may still be loading "llama3.2:3b"; try again, or raise the timeout in settings',
    );
    expect(ollamaError({ kind: 'timeout' }, { ...context, timeoutMs: 500 }).message).toContain('within 0.5 s');
    expect(ollamaError({ kind: 'timeout' }, context).code).toBe('llm_timeout');
  });

  it("quotes Ollama's error text briefly for HTTP errors", () => {
    const error = ollamaError({ kind: 'http', status: 500, text: 'llama runner process has terminated: exit status 2' }, context);
    expect(error.code).toBe('llm_http_error');
    expect(error.message).toBe(
      'Ollama at http://127.0.0.1:11434 answered with an error (HTTP 500: llama runner process has terminated: exit status 2) — try again, or check the Ollama log',
    );
    const long = ollamaError({ kind: 'http', status: 500, text: `${'x'.repeat(1_000)}\n\n trace` }, context);
    expect(long.message.length).toBeLessThan(320);
    expect(long.message).toContain('…');
    expect(ollamaError({ kind: 'busy', text: 'server busy' }, context).message).toContain('busy');
  });

  it('says the reply was cut off and to try again', () => {
    const error = ollamaError({ kind: 'stream-broken', detail: 'the connection was cut (UND_ERR_SOCKET)' }, context);
    expect(error.code).toBe('llm_stream_broken');
    expect(error.message).toMatch(/^Ollama's reply was cut off before it finished \(.+\) — try again$/);
  });

  it('keeps the original failure as the cause for logs, never in the message', () => {
    const cause = fetchFailed('ECONNREFUSED');
    const error = ollamaError({ kind: 'unreachable', detail: 'ECONNREFUSED' }, context, cause);
    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('fetch failed');
    expect(toErrorInfo(error)).toEqual({ code: 'llm_unreachable', params: { host: 'http://127.0.0.1:11434' }, message: error.message });
  });
});

describe('abortError', () => {
  it('is an AbortError that the UI reports as a cancelled turn', () => {
    const error = abortError();
    expect(isAbortError(error)).toBe(true);
    expect(toErrorInfo(error).code).toBe('cancelled');
  });
});
