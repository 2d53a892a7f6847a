// Memory retrieval results, cached for a few minutes in cache.db (disposable). The key holds the
// memory generation, so a change to any memory makes every older result unreachable; clear() also
// drops them to free the space.
import type { Database } from 'better-sqlite3';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { cacheKey } from '../store/cache-key';
import { CacheCounters, type CacheStats, clearCacheTable, readCacheStats } from '../store/cache-stats';
import { type CacheBounds, isExpired, planEviction } from '../store/eviction-plan';
import { toStorageError } from '../store/storage-errors';
import { WriteBehind } from '../store/write-behind';
import type { RankedMemories } from './memory-ranking';

export const DEFAULT_RETRIEVAL_BOUNDS: CacheBounds = { ttlMs: 5 * 60_000, maxEntries: 500, maxBytes: 2 * 1024 * 1024 };

export interface RetrievalCacheOptions {
  clock: Clock;
  logger: Logger;
  bounds?: Partial<CacheBounds>;
}

export class SqliteRetrievalCache {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #bounds: CacheBounds;
  readonly #counters = new CacheCounters('retrieval');
  readonly #writes: WriteBehind;
  readonly #reported = new Set<string>();

  constructor(db: Database, options: RetrievalCacheOptions) {
    this.#db = db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#bounds = { ...DEFAULT_RETRIEVAL_BOUNDS, ...options.bounds };
    this.#writes = new WriteBehind(db, { onError: (error) => this.#fail('update', error) });
  }

  static key(generation: number, normalizedQuery: string, embedderId: string): string {
    return cacheKey('retrieval', generation, normalizedQuery, embedderId);
  }

  get(key: string): RankedMemories | null {
    try {
      const row = this.#db.prepare('SELECT memories, created_at FROM retrievals WHERE key = ?').get(key) as { memories: string; created_at: number } | undefined;
      const now = this.#clock.wallNow();
      if (!row || isExpired(row.created_at, this.#bounds.ttlMs, now)) {
        this.#counters.miss();
        this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
        return null;
      }
      this.#counters.hit();
      this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
      return JSON.parse(row.memories) as RankedMemories;
    } catch (error) {
      this.#fail('read', error);
      return null;
    }
  }

  put(key: string, memories: RankedMemories): void {
    try {
      const json = JSON.stringify(memories);
      const now = this.#clock.wallNow();
      this.#db
        .prepare(
          `INSERT INTO retrievals (key, memories, bytes, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET memories = excluded.memories, bytes = excluded.bytes, created_at = excluded.created_at, last_used_at = excluded.last_used_at`,
        )
        .run(key, json, Buffer.byteLength(json), now, now);
      const count = this.#db.prepare('SELECT count(*) FROM retrievals').pluck().get() as number;
      if (count > this.#bounds.maxEntries) this.#evict(now);
    } catch (error) {
      this.#fail('save', error);
    }
  }

  stats(): CacheStats {
    try {
      return readCacheStats(this.#db, 'retrieval', this.#counters.pending);
    } catch (error) {
      this.#fail('read', error);
      return { kind: 'retrieval', hits: 0, misses: 0, hitRate: 0, entries: 0, bytes: 0, evictions: 0 };
    }
  }

  /** Drops every result (memories changed) without resetting the counters. */
  invalidate(): void {
    try {
      this.#db.prepare('DELETE FROM retrievals').run();
    } catch (error) {
      this.#fail('clear', error);
    }
  }

  clear(): void {
    this.#writes.flush();
    this.#counters.reset();
    try {
      clearCacheTable(this.#db, 'retrieval');
    } catch (error) {
      this.#fail('clear', error);
    }
  }

  flush(): void {
    this.#writes.flush();
  }

  #evict(now: number): void {
    const candidates = this.#db
      .prepare('SELECT key, bytes, created_at AS createdAt, last_used_at AS lastUsedAt FROM retrievals')
      .all() as Array<{ key: string; bytes: number; createdAt: number; lastUsedAt: number }>;
    const doomed = planEviction(candidates, this.#bounds, now);
    this.#db.transaction(() => doomed.forEach((key) => this.#db.prepare('DELETE FROM retrievals WHERE key = ?').run(key)))();
    this.#counters.evicted(doomed.length);
    this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
  }

  #fail(action: string, error: unknown): void {
    if (this.#reported.has(action)) return;
    this.#reported.add(action);
    this.#logger.warn(`Memory retrieval cache ${action} failed; memories are looked up directly.`, { error: toStorageError(error, 'cached memory lookups', this.#db.name).message });
  }
}
