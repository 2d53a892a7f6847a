// Text embeddings for the semantic cache and memory retrieval. An Embedder answers null when no
// embedding model is available; callers then fall back to lexical similarity.
import { LRUCache } from 'lru-cache';

export interface Embedder {
  /** Model identity: vectors from different models are never compared. */
  readonly id: string;
  /** One vector per text, in order; null when embeddings are unavailable right now. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[] | null>;
}

/** An Embedder with no model: every caller takes the lexical path. */
export const noEmbedder: Embedder = {
  id: 'none',
  embed: async () => null,
};

/**
 * Remembers recent vectors, so the response cache and the memory preparer share one embedding of
 * the same transcript, and concurrent requests for the same text share one call.
 */
export class MemoizingEmbedder implements Embedder {
  readonly #inner: Embedder;
  readonly #vectors: LRUCache<string, Float32Array>;
  readonly #inFlight = new Map<string, Promise<Float32Array | null>>();

  constructor(inner: Embedder, maxEntries = 256) {
    this.#inner = inner;
    this.#vectors = new LRUCache<string, Float32Array>({ max: maxEntries });
  }

  get id(): string {
    return this.#inner.id;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[] | null> {
    const missing = [...new Set(texts.filter((t) => !this.#vectors.has(t) && !this.#inFlight.has(t)))];
    if (missing.length > 0) {
      const batch = this.#inner.embed(missing, signal);
      missing.forEach((text, i) => {
        const one = batch.then((vectors) => vectors?.[i] ?? null, () => null);
        this.#inFlight.set(text, one);
        void one.then((vector) => {
          this.#inFlight.delete(text);
          if (vector) this.#vectors.set(text, vector);
        });
      });
    }
    const results = await Promise.all(texts.map((t) => this.#vectors.get(t) ?? this.#inFlight.get(t) ?? Promise.resolve(null)));
    if (results.some((v) => v === null)) return null;
    return results as Float32Array[];
  }
}
