// Embeddings from Ollama's /api/embed. When the model is not pulled or Ollama is not answering,
// embed() answers null (callers use lexical similarity) and does not ask again for a while, so a
// missing model costs one request, not one per turn.
import { Ollama } from 'ollama';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { Embedder } from './embedder';

export const DEFAULT_EMBEDDING_MODEL = 'nomic-embed-text';

export interface OllamaEmbedderOptions {
  /** Ollama base URL, e.g. http://127.0.0.1:11434, or a function giving the one in force (settings can change it). */
  host: string | (() => string);
  model?: string;
  clock: Clock;
  logger: Logger;
  /** Per request; embeddings sit on the hot path, so this is short. */
  timeoutMs?: number;
  /** How long to use the lexical fallback after the model was missing. */
  missingRetryMs?: number;
  /** How long to use the lexical fallback after Ollama did not answer. */
  unreachableRetryMs?: number;
  keepAlive?: string;
}

function statusOf(error: unknown): number | null {
  return typeof error === 'object' && error !== null && 'status_code' in error && typeof error.status_code === 'number' ? error.status_code : null;
}

export class OllamaEmbedder implements Embedder {
  readonly id: string;
  readonly #options: OllamaEmbedderOptions;
  readonly #model: string;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #reported = false;

  constructor(options: OllamaEmbedderOptions) {
    this.#options = options;
    this.#model = options.model ?? DEFAULT_EMBEDDING_MODEL;
    this.id = `ollama:${this.#model}`;
  }

  #host(): string {
    const { host } = this.#options;
    return typeof host === 'function' ? host() : host;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[] | null> {
    if (texts.length === 0) return [];
    const { clock, logger } = this.#options;
    if (clock.now() < this.#pausedUntil || signal?.aborted) return null;
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 3000);
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const client = new Ollama({
      host: this.#host(),
      fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, abort]) : abort }),
    });
    try {
      const response = await client.embed({ model: this.#model, input: [...texts], truncate: true, keep_alive: this.#options.keepAlive ?? '30m' });
      if (!Array.isArray(response.embeddings) || response.embeddings.length !== texts.length) return null;
      this.#reported = false;
      return response.embeddings.map((vector) => Float32Array.from(vector));
    } catch (error) {
      if (signal?.aborted) return null;
      const status = statusOf(error);
      const missing = status === 404 || (status === 400 && /not found|does not support/i.test(String(error)));
      this.#pausedUntil = clock.now() + (missing ? (this.#options.missingRetryMs ?? 10 * 60_000) : (this.#options.unreachableRetryMs ?? 30_000));
      if (!this.#reported) {
        this.#reported = true;
        logger.info(
          missing
            ? `No embedding model "${this.#model}" in Ollama: similar questions are matched by their words. For better matches run \`ollama pull ${this.#model}\`.`
            : `Ollama did not answer an embedding request at ${this.#host()}: similar questions are matched by their words for now.`,
          { error: error instanceof Error ? error.message : String(error) },
        );
      }
      return null;
    }
  }
}
