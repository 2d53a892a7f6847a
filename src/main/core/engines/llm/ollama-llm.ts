// The LanguageModel on Ollama, through the `ollama` client: streamed chat with a first-token deadline,
// retries with backoff while Ollama has not answered yet, immediate abort, and a never-throwing warm-up.
//
// The client is given our own fetch so that (1) one AbortSignal covers the whole turn — before the
// response headers as well as while the body streams (the client's own controller only exists once
// headers have arrived, and its non-streaming calls take no signal at all) — and (2) every NDJSON
// line is checked: the client would otherwise skip a malformed line with a console warning and the
// user would hear a reply with words missing.
import { setTimeout as delay } from 'node:timers/promises';
import { Ollama, type AbortableAsyncIterator, type ChatResponse } from 'ollama';
import { EarshotError } from '../../../../shared/errors';
import { ollamaKeepAlive } from '../../../../shared/settings';
import { silentLogger, type Logger } from '../../platform/logger';
import {
  abortError,
  classifyOllamaFailure,
  ollamaError,
  STREAM_ENDED_EARLY_MESSAGE,
  type FailureContext,
  type RequestPhase,
} from './ollama-errors';
import { decideRetry, retryPolicyFrom, type RetryPolicy } from './retry-policy';
import { turnFetch } from './ndjson-fetch';
import { type Sleep, Turn } from './ollama-turn';
import { prefillOllama } from './ollama-prefill';
import type { ChatChunk, ChatRequest, ChatStats, LanguageModel, PrefillRequest } from '../types';

export type { Sleep };

export interface OllamaLanguageModelOptions {
  /** Base URL, already resolved (see resolveOllamaHost). */
  host: string;
  logger?: Logger;
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  /** Monotonic milliseconds. */
  now?: () => number;
  /** [0, 1) for backoff jitter. */
  random?: () => number;
  fetch?: typeof fetch;
  /** How long warm() waits for Ollama to finish loading a model before giving up quietly. */
  warmTimeoutMs?: number;
  /** After the first token, the longest silence between parts before the reply counts as cut off. */
  stallTimeoutMs?: number;
}

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export class OllamaLanguageModel implements LanguageModel {
  private readonly host: string;
  private readonly logger: Logger;
  private readonly sleep: Sleep;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;
  private readonly warmTimeoutMs: number;
  private readonly stallTimeoutMs: number;
  private readonly warming = new Map<string, Promise<void>>();

  constructor(options: OllamaLanguageModelOptions) {
    this.host = options.host;
    this.logger = options.logger ?? silentLogger;
    this.sleep = options.sleep ?? realSleep;
    this.retry = retryPolicyFrom(options.retry);
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.warmTimeoutMs = options.warmTimeoutMs ?? 120_000;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 30_000;
  }

  chat(request: ChatRequest): AsyncIterable<ChatChunk> {
    return this.stream(request);
  }

  /**
   * Asks Ollama to load the model. One warm-up per model and context size at a time (each key press
   * calls this); it gives up after warmTimeoutMs, or at once when `signal` aborts (the Assistant
   * closing), so nothing outlives the app or the CLI.
   */
  warm(model: string, keepAlive: string, contextTokens: number, signal?: AbortSignal): Promise<void> {
    const key = `${model}\n${contextTokens}`;
    const running = this.warming.get(key);
    if (running) return running;
    const job = this.warmOnce(model, keepAlive, contextTokens, signal).finally(() => this.warming.delete(key));
    this.warming.set(key, job);
    return job;
  }

  prefill(request: PrefillRequest): Promise<ChatStats | null> {
    return prefillOllama(this.host, this.fetch, request, this.logger);
  }

  private async warmOnce(model: string, keepAlive: string, contextTokens: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    const stop = new AbortController();
    const timer = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.sleep(this.warmTimeoutMs, timer.signal).then(() => stop.abort(), () => {});
    try {
      const client = new Ollama({ host: this.host, fetch: turnFetch(this.fetch, stop.signal, false) });
      // An empty message list asks Ollama to load the model and answer done_reason "load".
      // With the chats' num_ctx: without it Ollama loads the model at its default context size and
      // then reloads it for the first real request.
      await client.chat({ model, messages: [], keep_alive: ollamaKeepAlive(keepAlive), stream: false, options: { num_ctx: contextTokens } });
      this.logger.debug('ollama model warm', { model, keepAlive });
    } catch (error) {
      if (signal?.aborted) return;
      const context = { host: this.host, model, timeoutMs: this.warmTimeoutMs };
      const reason = stop.signal.aborted ? 'still loading' : ollamaError(classifyOllamaFailure(error, 'connect'), context).message;
      this.logger.warn('ollama warm-up did not complete', { model, reason });
    } finally {
      timer.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async *stream(request: ChatRequest): AsyncGenerator<ChatChunk> {
    if (request.signal?.aborted) throw abortError(request.signal.reason);
    const turn = new Turn(request, this.sleep, this.now, this.stallTimeoutMs);
    const context: FailureContext = { host: this.host, model: request.model, timeoutMs: request.firstTokenTimeoutMs };
    let phase: RequestPhase = 'connect';
    let finished = false;
    try {
      const reply = await this.connect(request, turn, context);
      phase = 'stream';
      const parts = reply[Symbol.asyncIterator]();
      for (;;) {
        const next = await turn.race(parts.next());
        if (next.done === true) throw new Error(STREAM_ENDED_EARLY_MESSAGE);
        const part = next.value;
        const text = part.message?.content ?? '';
        if (text !== '') turn.firstTokenArrived();
        turn.partArrived();
        if (text !== '') yield { type: 'token', text };
        if (part.done) {
          finished = true;
          yield { type: 'done', stats: statsFrom(part) };
          return;
        }
      }
    } catch (error) {
      throw this.explain(error, phase, turn, context, request);
    } finally {
      // Stopped early (error, cancel, or the consumer broke out of the loop): close the connection so
      // Ollama stops generating.
      if (!finished) turn.release();
      turn.dispose();
    }
  }

  /** Opens the stream, retrying while Ollama has not answered, within the first-token deadline. */
  private async connect(request: ChatRequest, turn: Turn, context: FailureContext): Promise<AbortableAsyncIterator<ChatResponse>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const client = new Ollama({ host: this.host, fetch: turnFetch(this.fetch, turn.signal, true) });
        return await turn.race(
          client.chat({
            model: request.model,
            messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
            stream: true,
            keep_alive: ollamaKeepAlive(request.keepAlive),
            options: { num_ctx: request.contextTokens, num_predict: request.maxTokens, temperature: request.temperature },
          }),
        );
      } catch (error) {
        if (turn.stopReason !== null) throw error;
        const failure = classifyOllamaFailure(error, 'connect');
        const decision = decideRetry({
          failure,
          attemptsMade: attempt,
          remainingMs: turn.deadline - this.now(),
          policy: this.retry,
          random: this.random(),
        });
        if (!decision.retry) {
          if (failure.kind === 'unreachable' || failure.kind === 'busy') {
            this.logger.warn('ollama not answering, giving up', { host: this.host, attempt, why: decision.reason });
          }
          throw ollamaError(failure, context, error);
        }
        this.logger.info('ollama not answering, retrying', { host: this.host, attempt, delayMs: decision.delayMs, failure: failure.kind });
        await turn.race(this.sleep(decision.delayMs, turn.signal));
      }
    }
  }

  private explain(error: unknown, phase: RequestPhase, turn: Turn, context: FailureContext, request: ChatRequest): Error {
    if (turn.stopReason === 'cancelled') return abortError(request.signal?.reason);
    if (turn.stopReason === 'timeout') return ollamaError({ kind: 'timeout' }, context, error);
    if (turn.stopReason === 'stalled') {
      const seconds = Math.round(this.stallTimeoutMs / 100) / 10;
      return ollamaError({ kind: 'stream-broken', detail: `Ollama went silent for ${seconds} s mid-reply` }, context, error);
    }
    if (error instanceof EarshotError) return error;
    return ollamaError(classifyOllamaFailure(error, phase), context, error);
  }
}

function statsFrom(part: ChatResponse): ChatStats {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const ms = (ns: unknown) => {
    const value = count(ns);
    return value === null ? null : Math.round(value / 1_000) / 1_000;
  };
  const reason: unknown = part.done_reason;
  return {
    promptEvalCount: count(part.prompt_eval_count),
    evalCount: count(part.eval_count),
    promptEvalMs: ms(part.prompt_eval_duration),
    evalMs: ms(part.eval_duration),
    loadMs: ms(part.load_duration),
    doneReason: typeof reason === 'string' && reason !== '' ? reason : null,
  };
}
