import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noEmbedder } from '../../../src/main/core/store/embedder';
import { openCacheDatabase } from '../../../src/main/core/store/databases';
import { SqliteResponseCache } from '../../../src/main/core/store/response-cache';
import type { ResponseQuery } from '../../../src/main/core/store/types';
import { FakeClock, recordingLogger, tableEmbedder, tempDataDir } from '../../support/store-fixtures';

const q = (question: string, patch: Partial<ResponseQuery> = {}): ResponseQuery => ({
  question,
  language: 'en',
  model: 'llama3.2:3b',
  systemPrompt: 'You are Earshot.',
  usedContext: false,
  ...patch,
});

describe('response cache', () => {
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
  const lexical = () => new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder: noEmbedder });

  it('answers the same question in any case and punctuation from the cache', async () => {
    const cache = lexical();
    expect(await cache.save(q('What is the capital of France?'), 'Paris.')).toBe(true);
    for (const asked of ['what is the capital of france', 'WHAT IS THE CAPITAL OF FRANCE!!', "What's the capital of France?"]) {
      expect(await cache.lookup(q(asked))).toEqual({ reply: 'Paris.', match: 'exact', similarity: 1 });
    }
  });

  it('keeps answers apart per model, system prompt and language', async () => {
    const cache = lexical();
    await cache.save(q('What is the capital of France?'), 'Paris.');
    expect(await cache.lookup(q('What is the capital of France?', { model: 'qwen2.5:3b' }))).toBeNull();
    expect(await cache.lookup(q('What is the capital of France?', { systemPrompt: 'Answer like a pirate.' }))).toBeNull();
    expect(await cache.lookup(q('What is the capital of France?', { language: 'pt' }))).toBeNull();
  });

  it('warms at launch: recent answers are in memory and the embedding model is awake before the first question', async () => {
    const embedder = tableEmbedder({ 'How high is Mount Everest?': [1, 0, 0], 'Earshot is starting.': [0, 1, 0] });
    const first = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder });
    await first.save(q('How high is Mount Everest?'), 'About 8,849 metres.');
    await first.save(q('How high is Mount Everest?', { language: 'pt' }), 'Cerca de 8.849 metros.');
    first.flush();

    const launched = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder });
    const calls = embedder.calls.length;
    expect(await launched.warm()).toEqual({ scopes: 2, entries: 2, embedderAwake: true });
    expect(embedder.calls.length).toBe(calls + 1);
    // The first lookup reads nothing from the database any more.
    const prepare = db.prepare.bind(db);
    const reads: string[] = [];
    db.prepare = ((sql: string) => {
      if (/^\s*SELECT/i.test(sql)) reads.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      expect((await launched.lookup(q('how high is mount everest')))?.reply).toBe('About 8,849 metres.');
    } finally {
      db.prepare = prepare;
    }
    expect(reads).toEqual([]);
  });

  it('warms without an embedding model, saying so', async () => {
    await lexical().save(q('Who wrote Hamlet?'), 'Shakespeare.');
    expect(await lexical().warm()).toEqual({ scopes: 1, entries: 1, embedderAwake: false });
  });

  it('survives a restart: a new instance finds what the old one saved', async () => {
    await lexical().save(q('How many legs does a spider have?'), 'Eight.');
    expect((await lexical().lookup(q('how many legs does a spider have')))?.reply).toBe('Eight.');
  });

  describe('semantic match with an embedding model', () => {
    const vectors = {
      'How high is Mount Everest?': [1, 0, 0],
      'What is the height of Everest?': [0.9, 0.43, 0], // cos ≈ 0.90
      'How tall is Everest in feet?': [0.8, 0.6, 0], // cos = 0.80
      'Turn on the heating': [0, 0, 1],
      'Turn off the heating': [0, 0.05, 1], // cos ≈ 0.999, but the opposite
    };

    it('serves a rewording at or above the threshold', async () => {
      const embedder = tableEmbedder(vectors);
      const cache = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder });
      await cache.save(q('How high is Mount Everest?'), 'About 8,849 metres.');
      const hit = await cache.lookup(q('What is the height of Everest?'));
      expect(hit?.match).toBe('semantic');
      expect(hit?.similarity).toBeGreaterThanOrEqual(0.85);
    });

    it('does not serve one below the threshold, and follows a threshold change', async () => {
      let threshold = 0.85;
      const cache = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder: tableEmbedder(vectors), limits: () => ({ semanticThreshold: threshold }) });
      await cache.save(q('How high is Mount Everest?'), 'About 8,849 metres.');
      expect(await cache.lookup(q('How tall is Everest in feet?'))).toBeNull();
      threshold = 0.75;
      expect((await cache.lookup(q('How tall is Everest in feet?')))?.match).toBe('semantic');
    });

    it('never serves "turn off" for "turn on", however close the vectors', async () => {
      const cache = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder: tableEmbedder(vectors) });
      await cache.save(q('Turn on the heating'), 'I cannot control devices, but you can turn it on at the thermostat.');
      expect(await cache.lookup(q('Turn off the heating'))).toBeNull();
    });

    it('looks an exact repeat up without asking the embedder', async () => {
      const embedder = tableEmbedder(vectors);
      const cache = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder });
      await cache.save(q('How high is Mount Everest?'), 'About 8,849 metres.');
      const calls = embedder.calls.length;
      await cache.lookup(q('how high is mount everest'));
      expect(embedder.calls.length).toBe(calls);
    });
  });

  describe('semantic match by words (no embedding model)', () => {
    it('serves a close rewording and refuses a different subject', async () => {
      const cache = lexical();
      await cache.save(q('What is the capital of France?'), 'Paris.');
      expect((await cache.lookup(q('Tell me the capital of France')))?.match).toBe('semantic');
      expect(await cache.lookup(q('What is the capital of Spain?'))).toBeNull();
    });

    it('refuses a match whose numbers differ', async () => {
      const cache = lexical();
      await cache.save(q('How many seconds are in 5 minutes?'), '300 seconds.');
      expect(await cache.lookup(q('How many seconds are in 15 minutes?'))).toBeNull();
      expect((await cache.lookup(q('how many seconds are in five minutes')))?.reply).toBe('300 seconds.');
    });
  });

  describe('never cache, never serve', () => {
    it('does not store or serve an answer that used memories or context', async () => {
      const cache = lexical();
      expect(await cache.save(q('What is my dog called?', { usedContext: true }), 'Rex.')).toBe(false);
      await cache.save(q('What is my dog called?'), 'I do not know.');
      expect(await cache.lookup(q('What is my dog called?', { usedContext: true }))).toBeNull();
    });

    it.each([
      ['en', 'What time is it?'],
      ['en', 'What day is today?'],
      ['pt', 'Que horas são?'],
      ['pt', 'O que há de novo hoje?'],
    ] as const)('does not store a time question (%s) "%s"', async (language, question) => {
      const cache = lexical();
      expect(await cache.save(q(question, { language }), 'It is ten past nine.')).toBe(false);
      expect(await cache.lookup(q(question, { language }))).toBeNull();
      expect(cache.stats().entries).toBe(0);
    });
  });

  it('expires answers after the TTL (2 h by default) on the injected clock', async () => {
    const cache = lexical();
    await cache.save(q('Who wrote Hamlet?'), 'Shakespeare.');
    clock.advance(119 * 60_000);
    expect(await cache.lookup(q('Who wrote Hamlet?'))).not.toBeNull();
    clock.advance(2 * 60_000);
    expect(await cache.lookup(q('Who wrote Hamlet?'))).toBeNull();
  });

  it('stays within its entry bound and counts evictions', async () => {
    const cache = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder: noEmbedder, limits: () => ({ maxEntries: 5 }) });
    for (let n = 0; n < 8; n++) {
      await cache.save(q(`What is the atomic number of element ${n}?`), `${n}.`);
      clock.advance(1000);
    }
    expect(cache.stats()).toMatchObject({ entries: 5, evictions: 3 });
    expect(await cache.lookup(q('What is the atomic number of element 0?'))).toBeNull();
    expect(await cache.lookup(q('What is the atomic number of element 7?'))).not.toBeNull();
  });

  it('reports hits, misses and hit rate, and clear() empties it', async () => {
    const cache = lexical();
    await cache.save(q('Who wrote Hamlet?'), 'Shakespeare.');
    await cache.lookup(q('Who wrote Hamlet?'));
    await cache.lookup(q('Who painted the Mona Lisa?'));
    expect(cache.stats()).toMatchObject({ kind: 'response', hits: 1, misses: 1, hitRate: 0.5, entries: 1 });
    expect(cache.stats().bytes).toBeGreaterThan(0);
    cache.clear();
    expect(await cache.lookup(q('Who wrote Hamlet?'))).toBeNull();
    expect(cache.stats().entries).toBe(0);
  });

  // How fast: printed here for a glance, measured by the benchmark; a millisecond bound would fail
  // on a busy machine rather than on a slow cache.
  it('finds the one exact match among 1000 stored replies, and answers a new question with a miss', async () => {
    const dims = 768;
    const vector = (seed: number) => Float32Array.from({ length: dims }, (_, i) => Math.sin(seed * 13.37 + i));
    const embedder = { id: 'bench@1', embed: async (texts: readonly string[]) => texts.map((t) => vector(t.length * 7 + t.charCodeAt(t.length - 2))) };
    const cache = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder });
    const insert = db.prepare('INSERT INTO responses (key, scope, question, normalized, reply, embedding, embedder_id, bytes, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    await cache.save(q('What is the boiling point of water?'), '100 degrees Celsius at sea level.');
    const scope = db.prepare('SELECT scope FROM responses').pluck().get() as string;
    db.transaction(() => {
      for (let n = 0; n < 1000; n++) {
        const v = vector(n + 10_000);
        insert.run(`k${n}`, scope, `Question ${n} about topic ${n * 7}`, `question ${n} about topic ${n * 7}`, `Reply ${n}`, Buffer.from(v.buffer), 'bench@1', 3000, clock.wallNow(), clock.wallNow());
      }
    })();
    const fresh = new SqliteResponseCache(db, { clock, logger: recordingLogger(), embedder });
    await fresh.lookup(q('warm the index'));
    const time = async (question: string, runs = 50) => {
      const start = performance.now();
      for (let i = 0; i < runs; i++) await fresh.lookup(q(question));
      return (performance.now() - start) / runs;
    };
    const exactMs = await time('what is the boiling point of water');
    const semanticMs = await time('Something nobody asked before?');
    console.info(`response cache over 1001 entries: exact ${exactMs.toFixed(3)} ms, semantic (768-dim cosine) ${semanticMs.toFixed(3)} ms per lookup`);
    expect((await fresh.lookup(q('what is the boiling point of water')))?.reply).toBe('100 degrees Celsius at sea level.');
    expect(await fresh.lookup(q('Something nobody asked before?'))).toBeNull();
  });
});
