// The response cache: exact match on the normalized question within a scope (model +
// system prompt + language), then a semantic match over the scope's entries — embedding cosine when
// an embedding model answers, lexical similarity when not — guarded by the never-cache rules.
// Entries live in cache.db; each scope's questions and vectors are indexed in memory on first use.
import type { Database } from 'better-sqlite3';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { CacheCounters, type CacheStats, clearCacheTable, readCacheStats } from './cache-stats';
import { cacheKey } from './cache-key';
import type { Embedder } from './embedder';
import { blobToVector, vectorToBlob } from './embedding-vectors';
import { type CacheBounds, isExpired, planEviction } from './eviction-plan';
import { ExternalChanges } from './external-changes';
import { cacheRefusal } from './response-cache-rules';
import { bestSemanticMatch, type MatchCandidate } from './semantic-match';
import { toStorageError } from './storage-errors';
import { normalizeQuestion } from './text-normalization';
import type { CachedResponse, ResponseCache, ResponseCacheWarmup, ResponseQuery } from './types';
import { WriteBehind } from './write-behind';

export interface ResponseCacheLimits extends CacheBounds {
  /** Cosine (or lexical) similarity at or above which a different wording counts as the same question. */
  semanticThreshold: number;
}

export const DEFAULT_RESPONSE_LIMITS: ResponseCacheLimits = {
  ttlMs: 120 * 60_000,
  maxEntries: 2000,
  maxBytes: 16 * 1024 * 1024,
  semanticThreshold: 0.85,
};

export interface ResponseCacheOptions {
  clock: Clock;
  logger: Logger;
  embedder: Embedder;
  /** Read on every call (ttlMs from cache.responseTtlMinutes, semanticThreshold from settings). */
  limits?: () => Partial<ResponseCacheLimits>;
}

interface IndexEntry extends MatchCandidate {
  reply: string;
  createdAt: number;
}

interface Row {
  key: string;
  question: string;
  normalized: string;
  reply: string;
  embedding: Buffer | null;
  embedder_id: string | null;
  created_at: number;
}

export function responseScope(query: Pick<ResponseQuery, 'model' | 'systemPrompt' | 'language'>): string {
  return cacheKey('scope', query.model, query.systemPrompt, query.language);
}

export class SqliteResponseCache implements ResponseCache {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #embedder: Embedder;
  readonly #limits: () => Partial<ResponseCacheLimits>;
  readonly #index = new Map<string, Map<string, IndexEntry>>();
  readonly #counters = new CacheCounters('response');
  readonly #writes: WriteBehind;
  readonly #external: ExternalChanges;
  readonly #reported = new Set<string>();

  constructor(db: Database, options: ResponseCacheOptions) {
    this.#db = db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#embedder = options.embedder;
    this.#limits = options.limits ?? (() => ({}));
    this.#writes = new WriteBehind(db, { onError: (error) => this.#fail('update', error) });
    this.#external = new ExternalChanges(db);
  }

  prefetch(question: string): void {
    void this.#embedder.embed([question]).catch(() => null); // the lookup reports a failing embedder
  }

  async lookup(query: ResponseQuery, signal?: AbortSignal): Promise<CachedResponse | null> {
    if (cacheRefusal(query) !== null) return null;
    try {
      const limits = this.#currentLimits();
      const now = this.#clock.wallNow();
      const entries = this.#scopeIndex(responseScope(query));
      const normalized = normalizeQuestion(query.question, query.language);
      for (const [key, entry] of entries) {
        if (isExpired(entry.createdAt, limits.ttlMs, now)) this.#remove(entries, key);
      }
      const exact = entries.get(cacheKey(responseScope(query), normalized));
      if (exact) return this.#hit(exact, 'exact', 1, now);
      if (entries.size === 0) return this.#miss();
      const vectors = await this.#embedder.embed([query.question], signal);
      const match = bestSemanticMatch(
        { question: query.question, normalized, language: query.language, embedding: vectors?.[0] ?? null, embedderId: this.#embedder.id },
        entries.values(),
        limits.semanticThreshold,
      );
      const entry = match ? entries.get(match.key) : undefined;
      return entry && match ? this.#hit(entry, 'semantic', match.similarity, now) : this.#miss();
    } catch (error) {
      this.#fail('read', error);
      return null;
    }
  }

  /**
   * Loads the scopes of the most recently used entries into memory (whole scopes: a lookup trusts
   * a loaded scope to be complete) and asks the embedder for one vector, which loads its model, so
   * the first question after launch pays neither the database read nor the model load.
   */
  async warm(signal?: AbortSignal, recentEntries = 200): Promise<ResponseCacheWarmup> {
    let scopes: string[] = [];
    try {
      scopes = this.#db
        .prepare('SELECT DISTINCT scope FROM (SELECT scope FROM responses ORDER BY last_used_at DESC LIMIT ?)')
        .pluck()
        .all(recentEntries) as string[];
      for (const scope of scopes) this.#scopeIndex(scope);
    } catch (error) {
      this.#fail('read', error);
    }
    const entries = scopes.reduce((n, scope) => n + (this.#index.get(scope)?.size ?? 0), 0);
    const vectors = signal?.aborted ? null : await this.#embedder.embed(['Earshot is starting.'], signal).catch(() => null);
    return { scopes: scopes.length, entries, embedderAwake: vectors !== null };
  }

  async save(query: ResponseQuery, reply: string): Promise<boolean> {
    if (cacheRefusal(query, reply) !== null) return false;
    const scope = responseScope(query);
    const normalized = normalizeQuestion(query.question, query.language);
    const key = cacheKey(scope, normalized);
    const vectors = await this.#embedder.embed([query.question]);
    const embedding = vectors?.[0] ?? null;
    const now = this.#clock.wallNow();
    try {
      const bytes = Buffer.byteLength(query.question) + Buffer.byteLength(reply) + (embedding?.byteLength ?? 0);
      this.#db
        .prepare(
          `INSERT INTO responses (key, scope, question, normalized, reply, embedding, embedder_id, bytes, created_at, last_used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET question = excluded.question, reply = excluded.reply, embedding = excluded.embedding,
             embedder_id = excluded.embedder_id, bytes = excluded.bytes, created_at = excluded.created_at, last_used_at = excluded.last_used_at`,
        )
        .run(key, scope, query.question, normalized, reply, embedding ? vectorToBlob(embedding) : null, embedding ? this.#embedder.id : null, bytes, now, now);
      this.#index.get(scope)?.set(key, { key, question: query.question, normalized, reply, embedding, embedderId: embedding ? this.#embedder.id : null, createdAt: now });
      this.#evictIfNeeded(now);
      return true;
    } catch (error) {
      this.#fail('save', error);
      return false;
    }
  }

  stats(): CacheStats {
    try {
      return readCacheStats(this.#db, 'response', this.#counters.pending);
    } catch (error) {
      this.#fail('read', error);
      return { kind: 'response', hits: 0, misses: 0, hitRate: 0, entries: 0, bytes: 0, evictions: 0 };
    }
  }

  clear(): void {
    this.#writes.flush();
    this.#counters.reset();
    this.#index.clear();
    try {
      clearCacheTable(this.#db, 'response');
    } catch (error) {
      this.#fail('clear', error);
    }
  }

  flush(): void {
    this.#writes.flush();
  }

  #currentLimits(): ResponseCacheLimits {
    return { ...DEFAULT_RESPONSE_LIMITS, ...this.#limits() };
  }

  #scopeIndex(scope: string): Map<string, IndexEntry> {
    // Another process (the CLI's `cache clear`) changed cache.db: read the scopes again.
    if (this.#external.changed()) this.#index.clear();
    let entries = this.#index.get(scope);
    if (!entries) {
      const rows = this.#db
        .prepare('SELECT key, question, normalized, reply, embedding, embedder_id, created_at FROM responses WHERE scope = ?')
        .all(scope) as Row[];
      entries = new Map(
        rows.map((r) => [
          r.key,
          { key: r.key, question: r.question, normalized: r.normalized, reply: r.reply, embedding: blobToVector(r.embedding), embedderId: r.embedder_id, createdAt: r.created_at },
        ]),
      );
      this.#index.set(scope, entries);
    }
    return entries;
  }

  #hit(entry: IndexEntry, match: CachedResponse['match'], similarity: number, now: number): CachedResponse {
    this.#counters.hit();
    this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
    this.#writes.queue(`touch:${entry.key}`, () => this.#db.prepare('UPDATE responses SET last_used_at = ? WHERE key = ?').run(now, entry.key));
    return { reply: entry.reply, match, similarity };
  }

  #miss(): null {
    this.#counters.miss();
    this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
    return null;
  }

  #remove(entries: Map<string, IndexEntry>, key: string): void {
    entries.delete(key);
    this.#writes.queue(`delete:${key}`, () => this.#db.prepare('DELETE FROM responses WHERE key = ?').run(key));
  }

  #evictIfNeeded(now: number): void {
    const limits = this.#currentLimits();
    const totals = this.#db.prepare('SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes FROM responses').get() as { entries: number; bytes: number };
    if (totals.entries <= limits.maxEntries && totals.bytes <= limits.maxBytes) return;
    this.#writes.flush();
    const candidates = this.#db
      .prepare('SELECT key, bytes, created_at AS createdAt, last_used_at AS lastUsedAt FROM responses')
      .all() as Array<{ key: string; bytes: number; createdAt: number; lastUsedAt: number }>;
    const doomed = planEviction(candidates, limits, now);
    this.#db.transaction(() => {
      for (const key of doomed) this.#db.prepare('DELETE FROM responses WHERE key = ?').run(key);
    })();
    for (const entries of this.#index.values()) doomed.forEach((key) => entries.delete(key));
    this.#counters.evicted(doomed.length);
    this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
  }

  #fail(action: string, error: unknown): void {
    if (this.#reported.has(action)) return;
    this.#reported.add(action);
    this.#logger.warn(`Response cache ${action} failed; answers come from the model instead.`, { error: toStorageError(error, 'cached answers', this.#db.name).message });
  }
}
