// The TTS cache: audio per sentence, keyed by the normalized sentence + voice id (which
// carries the engine and model version) + speed. 16-bit PCM with its sample rate in cache.db, an
// lru-cache of decoded audio in front, TTL against the injected clock, bounded by entries and bytes.
import type { Database } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { CacheCounters, type CacheStats, clearCacheTable, readCacheStats } from './cache-stats';
import { cacheKey } from './cache-key';
import { type CacheBounds, isExpired, planEviction } from './eviction-plan';
import { ExternalChanges } from './external-changes';
import { floatToPcm16, pcm16ToFloat } from './pcm-codec';
import { toStorageError } from './storage-errors';
import { normalizeSentence } from './text-normalization';
import type { CachedAudio, TtsCache, TtsCacheKey } from './types';
import { WriteBehind } from './write-behind';

export const DEFAULT_TTS_BOUNDS: CacheBounds = { ttlMs: 60 * 60_000, maxEntries: 2000, maxBytes: 128 * 1024 * 1024 };

export interface TtsCacheOptions {
  clock: Clock;
  logger: Logger;
  /** Read on every call, so a settings change applies at once (ttlMs from cache.ttsTtlMinutes). */
  bounds?: () => Partial<CacheBounds>;
  /** Decoded audio kept in memory, in bytes. */
  hotBytes?: number;
}

interface HotEntry {
  sampleRate: number;
  samples: Float32Array;
  createdAt: number;
}

interface Row {
  sample_rate: number;
  pcm: Buffer;
  created_at: number;
}

export function ttsCacheKey(key: TtsCacheKey): string {
  return cacheKey('tts', normalizeSentence(key.text), key.voiceId, key.speed.toFixed(3));
}

export class SqliteTtsCache implements TtsCache {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #bounds: () => Partial<CacheBounds>;
  readonly #hot: LRUCache<string, HotEntry>;
  readonly #counters = new CacheCounters('tts');
  readonly #writes: WriteBehind;
  readonly #external: ExternalChanges;
  #entries = 0;
  #bytes = 0;
  readonly #reported = new Set<string>();

  constructor(db: Database, options: TtsCacheOptions) {
    this.#db = db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#bounds = options.bounds ?? (() => ({}));
    this.#hot = new LRUCache<string, HotEntry>({
      maxSize: options.hotBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (entry) => Math.max(1, entry.samples.byteLength),
    });
    this.#writes = new WriteBehind(db, { onError: (error) => this.#fail('update', error) });
    this.#external = new ExternalChanges(db);
    this.#refreshTotals();
  }

  get(key: TtsCacheKey): CachedAudio | null {
    const id = ttsCacheKey(key);
    const now = this.#clock.wallNow();
    const ttlMs = this.#limits().ttlMs;
    try {
      this.#followExternalChanges();
      let entry = this.#hot.get(id);
      if (!entry) {
        const row = this.#db.prepare('SELECT sample_rate, pcm, created_at FROM tts_audio WHERE key = ?').get(id) as Row | undefined;
        if (row) entry = { sampleRate: row.sample_rate, samples: pcm16ToFloat(row.pcm), createdAt: row.created_at };
        if (entry && !isExpired(entry.createdAt, ttlMs, now)) this.#hot.set(id, entry);
      }
      if (!entry || isExpired(entry.createdAt, ttlMs, now)) {
        if (entry) this.#delete(id);
        this.#counters.miss();
        this.#scheduleCounters();
        return null;
      }
      this.#counters.hit();
      this.#scheduleCounters();
      this.#writes.queue(`touch:${id}`, () => this.#db.prepare('UPDATE tts_audio SET last_used_at = ? WHERE key = ?').run(now, id));
      return { sampleRate: entry.sampleRate, samples: entry.samples.slice() };
    } catch (error) {
      this.#fail('read', error);
      return null;
    }
  }

  /** Whether a fresh entry exists, without counting a hit or a miss (for warm-up). */
  has(key: TtsCacheKey): boolean {
    const id = ttsCacheKey(key);
    try {
      this.#followExternalChanges();
      const hot = this.#hot.peek(id);
      const createdAt = hot?.createdAt ?? (this.#db.prepare('SELECT created_at FROM tts_audio WHERE key = ?').pluck().get(id) as number | undefined);
      return createdAt !== undefined && !isExpired(createdAt, this.#limits().ttlMs, this.#clock.wallNow());
    } catch (error) {
      this.#fail('read', error);
      return false;
    }
  }

  put(key: TtsCacheKey, audio: CachedAudio): void {
    if (audio.samples.length === 0 || !(audio.sampleRate > 0)) return;
    const id = ttsCacheKey(key);
    const now = this.#clock.wallNow();
    const pcm = floatToPcm16(audio.samples);
    try {
      this.#followExternalChanges();
      const old = this.#db.prepare('SELECT bytes FROM tts_audio WHERE key = ?').pluck().get(id) as number | undefined;
      this.#db
        .prepare(
          `INSERT INTO tts_audio (key, text, voice_id, speed, sample_rate, pcm, bytes, created_at, last_used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET sample_rate = excluded.sample_rate, pcm = excluded.pcm,
             bytes = excluded.bytes, created_at = excluded.created_at, last_used_at = excluded.last_used_at`,
        )
        .run(id, normalizeSentence(key.text), key.voiceId, key.speed, audio.sampleRate, pcm, pcm.byteLength, now, now);
      this.#entries += old === undefined ? 1 : 0;
      this.#bytes += pcm.byteLength - (old ?? 0);
      this.#hot.set(id, { sampleRate: audio.sampleRate, samples: audio.samples.slice(), createdAt: now });
      const bounds = this.#limits();
      if (this.#entries > bounds.maxEntries || this.#bytes > bounds.maxBytes) this.#evict(bounds, now);
    } catch (error) {
      this.#fail('save', error);
    }
  }

  /** Deletes expired entries (run at launch, in the background). */
  prune(): number {
    return this.#evict(this.#limits(), this.#clock.wallNow());
  }

  stats(): CacheStats {
    try {
      return readCacheStats(this.#db, 'tts', this.#counters.pending);
    } catch (error) {
      this.#fail('read', error);
      return { kind: 'tts', hits: 0, misses: 0, hitRate: 0, entries: 0, bytes: 0, evictions: 0 };
    }
  }

  clear(): void {
    this.#writes.flush();
    this.#counters.reset();
    this.#hot.clear();
    try {
      clearCacheTable(this.#db, 'tts');
    } catch (error) {
      this.#fail('clear', error);
    }
    this.#refreshTotals();
  }

  /** Writes pending counters and last-used times; call before closing the database. */
  flush(): void {
    this.#writes.flush();
  }

  #limits(): CacheBounds {
    return { ...DEFAULT_TTS_BOUNDS, ...this.#bounds() };
  }

  #scheduleCounters(): void {
    this.#writes.queue('counters', () => this.#counters.writeTo(this.#db));
  }

  #delete(id: string): void {
    this.#hot.delete(id);
    const bytes = this.#db.prepare('DELETE FROM tts_audio WHERE key = ? RETURNING bytes').pluck().get(id) as number | undefined;
    if (bytes !== undefined) {
      this.#entries -= 1;
      this.#bytes -= bytes;
    }
  }

  #evict(bounds: CacheBounds, now: number): number {
    try {
      this.#writes.flush();
      const candidates = this.#db
        .prepare('SELECT key, bytes, created_at AS createdAt, last_used_at AS lastUsedAt FROM tts_audio')
        .all() as Array<{ key: string; bytes: number; createdAt: number; lastUsedAt: number }>;
      const doomed = planEviction(candidates, bounds, now);
      if (doomed.length === 0) return 0;
      this.#db.transaction(() => doomed.forEach((id) => this.#delete(id)))();
      this.#counters.evicted(doomed.length);
      this.#scheduleCounters();
      return doomed.length;
    } catch (error) {
      this.#fail('evict', error);
      return 0;
    }
  }

  /** Another process (the CLI's `cache clear`) changed cache.db: what memory holds may be gone. */
  #followExternalChanges(): void {
    if (!this.#external.changed()) return;
    this.#hot.clear();
    this.#refreshTotals();
  }

  #refreshTotals(): void {
    try {
      const totals = this.#db.prepare('SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes FROM tts_audio').get() as { entries: number; bytes: number };
      this.#entries = totals.entries;
      this.#bytes = totals.bytes;
    } catch (error) {
      this.#fail('read', error);
    }
  }

  /** A cache failure never breaks a turn: it is logged (once per action) and read as a miss. */
  #fail(action: string, error: unknown): void {
    if (this.#reported.has(action)) return;
    this.#reported.add(action);
    this.#logger.warn(`TTS cache ${action} failed; speech goes on without the cache.`, { error: toStorageError(error, 'spoken audio', this.#db.name).message });
  }
}
