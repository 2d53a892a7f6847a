import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCacheCommand } from '../../../src/main/cli/cache-command';
import { runHistoryCommand } from '../../../src/main/cli/history-command';
import { openCacheDatabase, openEarshotDatabase } from '../../../src/main/core/store/databases';
import { noEmbedder } from '../../../src/main/core/store/embedder';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { openStores } from '../../../src/main/core/runtime/open-stores';
import { SqliteTtsCache } from '../../../src/main/core/store/tts-cache';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir, toneFor, turn } from '../../support/store-fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} as NodeJS.ProcessEnv },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('CLI: history and cache', () => {
  let data: ReturnType<typeof tempDataDir>;
  const clock = new FakeClock();
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  it('history says so when nothing was saved yet', async () => {
    const c = capture();
    expect(await runHistoryCommand(['--data-dir', data.dir], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/No conversations saved yet/);
    const j = capture();
    expect(await runHistoryCommand(['--data-dir', data.dir, '--json'], j.io)).toBe(0);
    expect(JSON.parse(j.stdout())).toEqual([]);
  });

  it('history prints time, transcript, reply and whether it was complete', async () => {
    const { db } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const history = new SqliteHistoryStore(db);
    history.append(turn(1, { transcript: 'What is the capital of France?', reply: 'Paris.' }));
    history.append(turn(2, { transcript: 'And of Spain?', reply: 'Mad', complete: false }));
    db.close();

    const c = capture();
    expect(await runHistoryCommand(['--data-dir', data.dir], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/2025-01-15 \d\d:\d\d:\d\d {2}complete/);
    expect(c.stdout()).toContain('You:     What is the capital of France?');
    expect(c.stdout()).toContain('Earshot: Paris.');
    expect(c.stdout()).toContain('incomplete');

    const j = capture();
    expect(await runHistoryCommand(['--json', '--data-dir', data.dir, '--limit', '1'], j.io)).toBe(0);
    expect(JSON.parse(j.stdout())).toEqual([{ id: 'turn-2', at: new Date(turn(2).at).toISOString(), transcript: 'And of Spain?', reply: 'Mad', language: 'en', complete: false }]);
  });

  it('history reads EARSHOT_DATA_DIR and rejects a bad --limit', async () => {
    const c = capture();
    c.io.env = { EARSHOT_DATA_DIR: data.dir };
    expect(await runHistoryCommand([], c.io)).toBe(0);
    expect(c.stdout()).toContain(data.dir);
    const bad = capture();
    expect(await runHistoryCommand(['--limit', 'ten', '--data-dir', data.dir], bad.io)).toBe(2);
    expect(bad.stderr()).toMatch(/--limit must be a whole number/);
  });

  it('cache stats shows hits, misses, hit rate, entries, size and evictions per cache', async () => {
    const { db } = openCacheDatabase(data.dir, { clock, logger: recordingLogger() });
    const tts = new SqliteTtsCache(db, { clock, logger: recordingLogger() });
    tts.put({ text: 'Hello!', voiceId: 'v', speed: 1 }, toneFor('Hello!'));
    tts.get({ text: 'Hello!', voiceId: 'v', speed: 1 });
    tts.get({ text: 'Bye!', voiceId: 'v', speed: 1 });
    tts.flush();
    db.close();

    const j = capture();
    expect(await runCacheCommand(['stats', '--json', '--data-dir', data.dir], j.io)).toBe(0);
    const stats = JSON.parse(j.stdout()) as Array<Record<string, unknown>>;
    expect(stats.map((s) => s.kind)).toEqual(['tts', 'response', 'retrieval']);
    expect(stats[0]).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, entries: 1, evictions: 0 });
    expect(stats[0]!.bytes).toBeGreaterThan(0);

    const t = capture();
    expect(await runCacheCommand(['stats', '--data-dir', data.dir], t.io)).toBe(0);
    expect(t.stdout()).toMatch(/cache\s+hits\s+misses\s+hit rate\s+entries\s+size\s+evictions/);
    expect(t.stdout()).toMatch(/tts\s+1\s+1\s+50\.0 %\s+1\s+[\d.]+ KB\s+0/);
  });

  it('cache clear empties one kind or all', async () => {
    const { db } = openCacheDatabase(data.dir, { clock, logger: recordingLogger() });
    new SqliteTtsCache(db, { clock, logger: recordingLogger() }).put({ text: 'Hello!', voiceId: 'v', speed: 1 }, toneFor('Hello!'));
    db.close();
    const c = capture();
    expect(await runCacheCommand(['clear', 'response', '--data-dir', data.dir], c.io)).toBe(0);
    expect(c.stdout()).toBe('Cleared: response.\n');
    const s = capture();
    await runCacheCommand(['stats', '--json', '--data-dir', data.dir], s.io);
    expect((JSON.parse(s.stdout()) as Array<{ entries: number }>)[0]!.entries).toBe(1);
    const all = capture();
    expect(await runCacheCommand(['clear', '--json', '--data-dir', data.dir], all.io)).toBe(0);
    expect(JSON.parse(all.stdout())).toEqual({ cleared: ['tts', 'response', 'retrieval'] });
    const after = capture();
    await runCacheCommand(['stats', '--json', '--data-dir', data.dir], after.io);
    expect((JSON.parse(after.stdout()) as Array<{ entries: number }>).every((x) => x.entries === 0)).toBe(true);
  });

  it('cache clear reaches an app that is running: it stops serving what was cleared', async () => {
    const stores = openStores({ dataDir: data.dir, clock, logger: recordingLogger(), settings: () => DEFAULT_SETTINGS, embedder: noEmbedder, extract: async () => [] });
    const sentence = { text: 'Hello!', voiceId: 'v', speed: 1 };
    const question = { question: 'Who wrote Hamlet?', language: 'en' as const, model: 'm', systemPrompt: 's', usedContext: false };
    stores.ttsCache!.put(sentence, toneFor('Hello!'));
    await stores.responseCache!.save(question, 'Shakespeare.');
    expect(stores.ttsCache!.get(sentence)).not.toBeNull();
    expect(await stores.responseCache!.lookup(question)).not.toBeNull();

    expect(await runCacheCommand(['clear', '--data-dir', data.dir], capture().io)).toBe(0);
    expect(stores.ttsCache!.has(sentence)).toBe(false);
    expect(stores.ttsCache!.get(sentence)).toBeNull();
    expect(await stores.responseCache!.lookup(question)).toBeNull();
    expect(stores.cacheStats().map((x) => x.entries)).toEqual([0, 0, 0]);

    // What the app caches afterwards is served again.
    stores.ttsCache!.put(sentence, toneFor('Hello!'));
    await stores.responseCache!.save(question, 'William Shakespeare.');
    expect(stores.ttsCache!.get(sentence)).not.toBeNull();
    expect((await stores.responseCache!.lookup(question))?.reply).toBe('William Shakespeare.');
    stores.close();
  });

  it('cache explains its usage when the arguments are wrong', async () => {
    for (const argv of [[], ['purge'], ['clear', 'everything'], ['stats', 'tts']]) {
      const c = capture();
      expect(await runCacheCommand([...argv, '--data-dir', data.dir], c.io)).toBe(2);
      expect(c.stderr()).toContain('Usage: npm run --silent cache --');
    }
  });
});
