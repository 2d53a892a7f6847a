import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import { KnowledgeWatcher } from '../../../src/main/core/knowledge/knowledge-watcher';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

/** Polls until `check` holds (the watcher reacts to real file-system events). */
async function eventually(check: () => boolean | Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition never held');
}

describe('KnowledgeWatcher', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  let service: KnowledgeService;
  let watcher: KnowledgeWatcher;

  beforeEach(() => {
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    writeFileSync(join(docs.dir, 'first.md'), 'The spare key is under the blue flower pot.');
    service = openKnowledge({ dataDir: data.dir, settings: DEFAULT_SETTINGS.knowledge, clock: new FakeClock(), logger: recordingLogger(), ollamaHost: null });
    watcher = new KnowledgeWatcher({ ingest: service.ingest, index: service.index, logger: recordingLogger(), settleMs: 50 });
  });
  afterEach(async () => {
    await watcher.close();
    service.close();
    data.remove();
    docs.remove();
  });

  it('catches up at start, then indexes added and changed files and drops deleted ones', async () => {
    watcher.start([docs.dir]);
    await eventually(() => service.index.files().length === 1);
    const hits = async (q: string) => (await service.search.search(q)).results.map((r) => r.path);

    writeFileSync(join(docs.dir, 'second.txt'), 'The boiler pressure should read 1.5 bar when cold.');
    await eventually(async () => (await hits('boiler pressure')).includes(join(docs.dir, 'second.txt')));

    writeFileSync(join(docs.dir, 'first.md'), 'The spare key now hangs in the garage.');
    await eventually(async () => (await hits('spare key garage')).includes(join(docs.dir, 'first.md')));

    unlinkSync(join(docs.dir, 'second.txt'));
    await eventually(() => service.index.files().every((f) => !f.path.endsWith('second.txt')));
    expect(await hits('boiler pressure')).toEqual([]);
  });

  it('follows a source added while the app runs without reading it again, and stops when it is removed', async () => {
    const other = tempDataDir('earshot-other-docs-');
    onTestFinished(() => other.remove());
    watcher.start([other.dir]);
    await watcher.idle();
    watcher.follow([docs.dir]);
    // Give chokidar a moment to be ready before the file appears (it ignores what exists already).
    await new Promise((r) => setTimeout(r, 300));
    expect(service.index.files()).toEqual([]);
    writeFileSync(join(docs.dir, 'later.md'), 'The router password is on a sticker under the router.');
    await eventually(() => service.index.files().some((f) => f.path.endsWith('later.md')));
    expect(service.index.files().map((f) => f.path)).toEqual([join(docs.dir, 'later.md')]);

    watcher.unfollow(docs.dir);
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(join(docs.dir, 'ignored.md'), 'Written after the folder was removed from the list.');
    await new Promise((r) => setTimeout(r, 800));
    await watcher.idle();
    expect(service.index.files().some((f) => f.path.endsWith('ignored.md'))).toBe(false);
  });
  it("does not index a folder twice when its catch-up pass and the user's add of it run at once", async () => {
    for (let i = 0; i < 5; i++) writeFileSync(join(docs.dir, `note-${i}.md`), `Note ${i}: the recycling goes out on day ${i}.`);
    const order: string[] = [];
    // The watcher's pass and the panel's add, started together as they are when a folder is
    // dropped on the window while the app is catching up with it.
    const fromWatcher = service.ingest.add([docs.dir], { onProgress: (p) => order.push(`watcher:${p.phase}`) });
    const fromPanel = service.ingest.add([docs.dir], { onProgress: (p) => order.push(`panel:${p.phase}`) });
    const [first, second] = await Promise.all([fromWatcher, fromPanel]);
    expect(first.chunks).toBeGreaterThan(0);
    expect(second).toMatchObject({ files: 6, unchanged: 6, chunks: 0 });
    expect(order.indexOf('panel:scanning')).toBeGreaterThan(order.indexOf('watcher:done'));
  });
});
