import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noEmbedder } from '../../../src/main/core/store/embedder';
import { openStores } from '../../../src/main/core/store/open-stores';
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
