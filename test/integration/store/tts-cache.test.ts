import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheStats } from '../../../src/main/core/store/cache-stats';
import { openCacheDatabase } from '../../../src/main/core/store/databases';
import { SqliteTtsCache } from '../../../src/main/core/store/tts-cache';
import { FakeClock, recordingLogger, tempDataDir, toneFor } from '../../support/store-fixtures';

const key = (text: string, patch: { voiceId?: string; speed?: number } = {}) => ({ text, voiceId: 'piper-en_US-amy-low@1.13', speed: 1, ...patch });

describe('TTS cache', () => {
  let data: ReturnType<typeof tempDataDir>;
  let db: Database;
  let clock: FakeClock;
  beforeEach(() => {
    data = tempDataDir();
    clock = new FakeClock();
    db = openCacheDatabase(data.dir, { clock, logger: recordingLogger() }).db;
  });
  afterEach(() => {
    db.close();
    data.remove();
  });

  it('gives back the audio it was given, at its sample rate, within 16-bit precision', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger() });
    const audio = toneFor('Hello there.');
    cache.put(key('Hello there.'), audio);
    const fresh = new SqliteTtsCache(db, { clock, logger: recordingLogger() }); // from SQLite, not memory
    const back = fresh.get(key('Hello there.'))!;
    expect(back.sampleRate).toBe(22_050);
    expect(back.samples.length).toBe(audio.samples.length);
    expect(Math.max(...back.samples.map((s, i) => Math.abs(s - audio.samples[i]!)))).toBeLessThan(1e-4);
  });

  it('keys on the sentence, voice (with engine version) and speed, ignoring only spacing', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger() });
    cache.put(key('How can I help?'), toneFor('How can I help?'));
    expect(cache.get(key('  How can I   help? '))).not.toBeNull();
    expect(cache.get(key('How can I help?', { speed: 1.2 }))).toBeNull();
    expect(cache.get(key('How can I help?', { voiceId: 'piper-en_US-amy-low@1.14' }))).toBeNull();
    expect(cache.get(key('How can I help.'))).toBeNull();
  });

  it('expires entries after the TTL on the injected clock, and the TTL follows the setting', () => {
    let ttlMinutes = 60;
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger(), bounds: () => ({ ttlMs: ttlMinutes * 60_000 }) });
    cache.put(key('Good morning!'), toneFor('Good morning!'));
    clock.advance(59 * 60_000);
    expect(cache.get(key('Good morning!'))).not.toBeNull();
    ttlMinutes = 30;
    expect(cache.get(key('Good morning!'))).toBeNull();
    expect(cache.has(key('Good morning!'))).toBe(false);
    expect(db.prepare('SELECT count(*) FROM tts_audio').pluck().get()).toBe(0);
  });

  it('stays within its entry bound, evicting the least recently used', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger(), bounds: () => ({ maxEntries: 3 }) });
    for (const text of ['one.', 'two.', 'three.']) {
      cache.put(key(text), toneFor(text));
      clock.advance(1000);
    }
    expect(cache.get(key('one.'))).not.toBeNull(); // one is now the most recently used
    clock.advance(1000);
    cache.put(key('four.'), toneFor('four.'));
    expect(cache.stats().entries).toBe(3);
    expect(cache.has(key('two.'))).toBe(false);
    expect(cache.has(key('one.'))).toBe(true);
    expect(cache.stats().evictions).toBe(1);
  });

  it('stays within its byte bound', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger(), bounds: () => ({ maxBytes: 60_000 }) });
    for (let n = 0; n < 20; n++) {
      const text = `Sentence number ${n} is here.`;
      cache.put(key(text), toneFor(text)); // ~11 KB each
      clock.advance(10);
    }
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(60_000);
    expect(stats.entries).toBeGreaterThan(2);
    expect(cache.has(key('Sentence number 19 is here.'))).toBe(true);
    expect(cache.has(key('Sentence number 0 is here.'))).toBe(false);
  });

  it('counts hits and misses, and writes them where the CLI reads them', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger() });
    cache.put(key('Hi!'), toneFor('Hi!'));
    cache.get(key('Hi!'));
    cache.get(key('Hi!'));
    cache.get(key('Bye!'));
    expect(cache.stats()).toMatchObject({ kind: 'tts', hits: 2, misses: 1, entries: 1 });
    expect(cache.stats().hitRate).toBeCloseTo(2 / 3);
    cache.flush();
    expect(readCacheStats(db, 'tts')).toMatchObject({ hits: 2, misses: 1 });
  });

  it('returns a copy, so a caller changing the samples does not change the cache', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger() });
    cache.put(key('Hi!'), toneFor('Hi!'));
    cache.get(key('Hi!'))!.samples.fill(0);
    expect(cache.get(key('Hi!'))!.samples.some((s) => s !== 0)).toBe(true);
  });

  it('clear() empties it and resets the counters', () => {
    const cache = new SqliteTtsCache(db, { clock, logger: recordingLogger() });
    cache.put(key('Hi!'), toneFor('Hi!'));
    cache.get(key('Hi!'));
    cache.clear();
    expect(cache.get(key('Hi!'))).toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 0, misses: 1 });
  });

  it('turns a failure into a miss and one warning, never an exception', () => {
    const logger = recordingLogger();
    const cache = new SqliteTtsCache(db, { clock, logger });
    db.exec('DROP TABLE tts_audio');
    expect(cache.get(key('Hi!'))).toBeNull();
    expect(() => cache.put(key('Hi!'), toneFor('Hi!'))).not.toThrow();
    expect(logger.lines.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(1);
  });
});
