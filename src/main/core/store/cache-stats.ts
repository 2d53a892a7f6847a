// Per-kind cache statistics, stored in cache.db so the CLI sees what the app counted, and clearing
// by kind. Works on a bare database handle: no cache instance needed.
import type { Database } from 'better-sqlite3';
import { CACHE_KINDS, type CacheKind, type CacheStats } from '../../../shared/records';

export { CACHE_KINDS, type CacheKind, type CacheStats };

export interface CounterDeltas {
  hits: number;
  misses: number;
  evictions: number;
}

const TABLES: Record<CacheKind, string> = { tts: 'tts_audio', response: 'responses', retrieval: 'retrievals' };

export function cacheTable(kind: CacheKind): string {
  return TABLES[kind];
}

export function hitRate(hits: number, misses: number): number {
  return hits + misses === 0 ? 0 : hits / (hits + misses);
}

export function addCounters(db: Database, kind: CacheKind, deltas: CounterDeltas): void {
  db.prepare(
    `INSERT INTO cache_counters (kind, hits, misses, evictions) VALUES (?, ?, ?, ?)
     ON CONFLICT(kind) DO UPDATE SET hits = hits + excluded.hits, misses = misses + excluded.misses,
       evictions = evictions + excluded.evictions`,
  ).run(kind, deltas.hits, deltas.misses, deltas.evictions);
}

export function readCacheStats(db: Database, kind: CacheKind, pending?: CounterDeltas): CacheStats {
  const size = db.prepare(`SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes FROM ${TABLES[kind]}`).get() as { entries: number; bytes: number };
  const counted = (db.prepare('SELECT hits, misses, evictions FROM cache_counters WHERE kind = ?').get(kind) as CounterDeltas | undefined) ?? { hits: 0, misses: 0, evictions: 0 };
  const hits = counted.hits + (pending?.hits ?? 0);
  const misses = counted.misses + (pending?.misses ?? 0);
  return { kind, hits, misses, hitRate: hitRate(hits, misses), entries: size.entries, bytes: size.bytes, evictions: counted.evictions + (pending?.evictions ?? 0) };
}

/** Empties a cache and resets its counters. */
export function clearCacheTable(db: Database, kind: CacheKind): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM ${TABLES[kind]}`).run();
    db.prepare('DELETE FROM cache_counters WHERE kind = ?').run(kind);
  })();
}

/** Counts hits, misses and evictions in memory and hands them to the database in batches. */
export class CacheCounters {
  readonly #kind: CacheKind;
  #pending: CounterDeltas = { hits: 0, misses: 0, evictions: 0 };

  constructor(kind: CacheKind) {
    this.#kind = kind;
  }

  get pending(): CounterDeltas {
    return { ...this.#pending };
  }

  hit(): void {
    this.#pending.hits += 1;
  }

  miss(): void {
    this.#pending.misses += 1;
  }

  evicted(count: number): void {
    this.#pending.evictions += count;
  }

  /** Writes the pending counts (call inside a transaction) and starts again from zero. */
  writeTo(db: Database): void {
    const deltas = this.#pending;
    this.#pending = { hits: 0, misses: 0, evictions: 0 };
    if (deltas.hits || deltas.misses || deltas.evictions) addCounters(db, this.#kind, deltas);
  }

  reset(): void {
    this.#pending = { hits: 0, misses: 0, evictions: 0 };
  }
}
