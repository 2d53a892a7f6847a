import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noEmbedder } from '../../../src/main/core/store/embedder';
import { openStores } from '../../../src/main/core/runtime/open-stores';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir, toneFor, turn } from '../../support/store-fixtures';

describe('openStores', () => {
  let data: ReturnType<typeof tempDataDir>;
  const clock = new FakeClock();
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  const open = (settings: () => Settings = () => DEFAULT_SETTINGS, dir = data.dir) =>
    openStores({ dataDir: dir, clock, logger: recordingLogger(), settings, embedder: noEmbedder, extract: async () => [] });

  it('opens every store from one data folder and closes cleanly', async () => {
    const stores = open();
    expect(stores.notices).toEqual([]);
    stores.history!.append(turn(1));
    stores.ttsCache!.put({ text: 'Hi!', voiceId: 'v', speed: 1 }, toneFor('Hi!'));
    expect(await stores.responseCache!.save({ question: 'Who wrote Hamlet?', language: 'en', model: 'm', systemPrompt: 's', usedContext: false }, 'Shakespeare.')).toBe(true);
    expect(stores.cacheStats().map((s) => [s.kind, s.entries])).toEqual([
      ['tts', 1],
      ['response', 1],
      ['retrieval', 0],
    ]);
    stores.clearCache('tts');
    expect(stores.cacheStats()[0]!.entries).toBe(0);
    stores.close();
    const again = open();
    expect(again.history!.recent(5).map((t) => t.id)).toEqual(['turn-1']);
    again.close();
  });

  it('applies cache settings without a restart', async () => {
    let settings = DEFAULT_SETTINGS;
    const stores = open(() => settings);
    stores.ttsCache!.put({ text: 'Hi!', voiceId: 'v', speed: 1 }, toneFor('Hi!'));
    clock.advance(10 * 60_000);
    expect(stores.ttsCache!.get({ text: 'Hi!', voiceId: 'v', speed: 1 })).not.toBeNull();
    settings = { ...settings, cache: { ...settings.cache, ttsTtlMinutes: 5 } };
    expect(stores.ttsCache!.get({ text: 'Hi!', voiceId: 'v', speed: 1 })).toBeNull();
    stores.close();
  });

  it('turns still waiting for memory extraction at quit are extracted after the next launch', async () => {
    const extracted: string[][] = [];
    const openWith = (idleMs: number) =>
      openStores({
        dataDir: data.dir,
        clock,
        logger: recordingLogger(),
        settings: () => DEFAULT_SETTINGS,
        embedder: noEmbedder,
        memoryIdleMs: idleMs,
        extract: async (turns) => {
          extracted.push(turns.map((t) => t.id));
          return turns.flatMap((t) => (t.transcript.includes('Porto') ? ['The user lives in Porto'] : []));
        },
      });
    const first = openWith(60_000); // the quiet spell never comes before quit
    for (const t of [turn(1, { transcript: 'I live in Porto, is it rainy in May?' }), turn(2, { transcript: 'Hello!' })]) {
      first.history!.append(t);
      first.memory!.afterTurn(t);
    }
    first.close();
    expect(extracted).toEqual([]);

    const second = openWith(20);
    await vi.waitFor(() => expect(extracted).toEqual([['turn-1']]));
    await vi.waitFor(() => expect(second.memory!.list().map((m) => m.text)).toEqual(['The user lives in Porto']));
    second.close();

    // Extracted once: a third launch has nothing left to do.
    const third = openWith(20);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(extracted).toHaveLength(1);
    third.close();
  });

  it('reports a damaged earshot.db and still works', () => {
    writeFileSync(join(data.dir, 'earshot.db'), 'not a database '.repeat(500));
    const stores = open();
    expect(stores.notices.map((n) => n.code)).toEqual(['storage_failed']);
    expect(stores.history).not.toBeNull();
    stores.close();
  });

  it('turns storage off with a notice when the folder cannot be created', () => {
    writeFileSync(join(data.dir, 'a-file'), '');
    const dir = join(data.dir, 'a-file', 'data'); // a folder inside a file: works even as root
    const stores = open(undefined, dir);
    expect(stores.history).toBeNull();
    expect(stores.ttsCache).toBeNull();
    expect(stores.notices.length).toBe(2);
    expect(stores.notices[1]!.message).toMatch(/not saved/);
    stores.close();
  });
});
