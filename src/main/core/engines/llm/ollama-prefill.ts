// Evaluating a prompt prefix into Ollama's cache ahead of the chat that will start with it. Ollama
// keeps one KV prefix per loaded model and reuses it for a request that starts the same way, so
// a chat sent after this pays only for its new tail.
//
// num_predict is 1, not 0: Ollama's runner treats a limit of 0 (or less) as "no limit" and would
// write a whole reply; llama.cpp's own server takes 0 as "evaluate only", Ollama does not. The one
// token it generates costs a single decode step, and a later chat shares the prefix up to it.
import { Ollama, type ChatResponse } from 'ollama';
import { ollamaKeepAlive } from '../../../../shared/settings';
import type { Logger } from '../../platform/logger';
import type { ChatStats, PrefillRequest } from '../types';
import { turnFetch } from './ndjson-fetch';

export const PREFILL_NUM_PREDICT = 1;

export async function prefillOllama(host: string, baseFetch: typeof fetch, request: PrefillRequest, logger: Logger): Promise<ChatStats | null> {
  if (request.signal?.aborted) return null;
  const signal = request.signal ?? new AbortController().signal;
  try {
    const client = new Ollama({ host, fetch: turnFetch(baseFetch, signal, false) });
    const answer = await client.chat({
      model: request.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      stream: false,
      keep_alive: ollamaKeepAlive(request.keepAlive),
      options: { num_ctx: request.contextTokens, num_predict: PREFILL_NUM_PREDICT, temperature: 0 },
    });
    return prefillStats(answer);
  } catch (error) {
    if (!signal.aborted) logger.warn('prompt prefill did not complete', { model: request.model, error: String(error) });
    return null;
  }
}

function prefillStats(answer: ChatResponse): ChatStats {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const ms = (ns: unknown) => {
    const value = count(ns);
    return value === null ? null : Math.round(value / 1_000) / 1_000;
  };
  return {
    promptEvalCount: count(answer.prompt_eval_count),
    evalCount: count(answer.eval_count),
    promptEvalMs: ms(answer.prompt_eval_duration),
    evalMs: ms(answer.eval_duration),
    loadMs: ms(answer.load_duration),
    doneReason: typeof answer.done_reason === 'string' && answer.done_reason !== '' ? answer.done_reason : null,
  };
}
