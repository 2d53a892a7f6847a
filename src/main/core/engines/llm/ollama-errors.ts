// What went wrong talking to Ollama, in two pure steps: classify a thrown value (from fetch, from the
// `ollama` client, from our NDJSON check) into an OllamaFailure, then turn a failure into an
// EarshotError whose message tells a person what to do.
import { EarshotError, type ErrorParams } from '../../../../shared/errors';

export type OllamaFailure =
  /** No HTTP answer at all: connection refused or reset, host not found, socket closed before headers. */
  | { kind: 'unreachable'; detail: string }
  /** HTTP 503: Ollama's queue is full ("server busy, please try again"). */
  | { kind: 'busy'; text: string }
  /** HTTP 404 "model … not found". */
  | { kind: 'model-missing'; text: string }
  /** Any other HTTP error status, with Ollama's error text. */
  | { kind: 'http'; status: number; text: string }
  /** An {"error": …} object inside a 200 stream (the model runner failed while answering). */
  | { kind: 'server-error'; text: string }
  /** The reply stopped early or was not NDJSON. */
  | { kind: 'stream-broken'; detail: string }
  /** No first token within the allowed time. */
  | { kind: 'timeout' };

/** Where the request was when it failed: before the HTTP response headers, or while reading the body. */
export type RequestPhase = 'connect' | 'stream';

export interface FailureContext {
  /** Base URL of Ollama, as shown to people. */
  host: string;
  model: string;
  /** The first-token timeout, for llm_timeout. */
  timeoutMs: number;
}

/** Thrown by the NDJSON check when a line of the reply is not JSON. */
export class MalformedReplyError extends Error {
  constructor(line: string) {
    super(`a line of the reply was not JSON: ${brief(line, 80)}`);
    this.name = 'MalformedReplyError';
  }
}

/** What the `ollama` client throws when a stream ends without a `done` object. */
export const STREAM_ENDED_EARLY_MESSAGE = 'Did not receive done or success response in stream.';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export function classifyOllamaFailure(error: unknown, phase: RequestPhase): OllamaFailure {
  const status = httpStatusOf(error);
  if (status !== null) {
    const text = error instanceof Error ? error.message : '';
    if (status === 404 && /model\b.*\bnot found/i.test(text)) return { kind: 'model-missing', text };
    if (status === 503) return { kind: 'busy', text };
    return { kind: 'http', status, text };
  }
  if (error instanceof MalformedReplyError) return { kind: 'stream-broken', detail: error.message };
  const code = connectionCodeOf(error);
  const isNetwork = code !== null || (error instanceof TypeError && /fetch failed|terminated|network/i.test(error.message));
  if (isNetwork) {
    const detail = code ?? (error instanceof Error ? error.message : String(error));
    return phase === 'connect' ? { kind: 'unreachable', detail } : { kind: 'stream-broken', detail: `the connection was cut (${detail})` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message === STREAM_ENDED_EARLY_MESSAGE) return { kind: 'stream-broken', detail: 'the reply ended before it was complete' };
  if (message === 'Missing body') return { kind: 'stream-broken', detail: 'the reply had no body' };
  if (phase === 'stream' && error instanceof Error && error.name === 'Error') return { kind: 'server-error', text: message };
  return { kind: 'stream-broken', detail: message };
}

export function ollamaError(failure: OllamaFailure, context: FailureContext, cause?: unknown): EarshotError {
  const { host, model } = context;
  const options = (params: ErrorParams) => (cause === undefined ? { params } : { cause, params });
  switch (failure.kind) {
    case 'unreachable':
      return new EarshotError('llm_unreachable', `Ollama is not running at ${host} — start it with \`ollama serve\``, options({ host }));
    case 'model-missing':
      return new EarshotError('llm_model_missing', `The model "${model}" is not installed in Ollama — run \`ollama pull ${model}\``, options({ model }));
    case 'timeout':
      return new EarshotError(
        'llm_timeout',
        `Ollama at ${host} did not start answering within ${seconds(context.timeoutMs)} s — it may still be loading "${model}"; try again, or raise the timeout in settings`,
        options({ host, model, seconds: seconds(context.timeoutMs) }),
      );
    case 'busy':
      return new EarshotError('llm_http_error', `Ollama at ${host} is busy with other requests (HTTP 503) — try again in a moment`, options({ variant: 'busy', host }));
    case 'http': {
      const text = brief(failure.text || 'no details');
      return new EarshotError('llm_http_error', `Ollama at ${host} answered with an error (HTTP ${failure.status}: ${text}) — try again, or check the Ollama log`, options({ host, status: failure.status, text }));
    }
    case 'server-error': {
      const text = brief(failure.text || 'no details');
      return new EarshotError('llm_http_error', `Ollama at ${host} failed while answering (${text}) — try again, or check the Ollama log`, options({ variant: 'serverError', host, text }));
    }
    case 'stream-broken':
      return new EarshotError('llm_stream_broken', `Ollama's reply was cut off before it finished (${failure.detail}) — try again`, options({ detail: failure.detail }));
  }
}

/** An Error named AbortError, which toErrorInfo turns into `cancelled`. */
export function abortError(cause?: unknown): Error {
  const error = new Error('The request to Ollama was cancelled.', cause === undefined ? undefined : { cause });
  error.name = 'AbortError';
  return error;
}

function httpStatusOf(error: unknown): number | null {
  if (!(error instanceof Error) || error.name !== 'ResponseError') return null;
  const status = (error as Error & { status_code?: unknown }).status_code;
  return typeof status === 'number' ? status : null;
}

function connectionCodeOf(error: unknown): string | null {
  // fetch (undici) wraps the socket error: TypeError('fetch failed', { cause }), and the cause may be
  // an AggregateError when several addresses were tried (localhost → ::1 and 127.0.0.1).
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    if (current instanceof AggregateError) {
      for (const inner of current.errors) {
        const innerCode = connectionCodeOf(inner);
        if (innerCode !== null) return innerCode;
      }
    }
    current = current.cause;
  }
  return null;
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(1)));
}

function brief(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
