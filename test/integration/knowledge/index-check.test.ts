// A document index too large to read through at launch (600 MB at 100 k chunks) opens at once and
// is checked on the search worker afterwards. Damage found there is reported to the person and
// marks the file, so the next start checks it in full and begins a new one.
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAMAGED_INDEX_MESSAGE, startKnowledge, type KnowledgeRuntime } from '../../../src/main/core/knowledge/knowledge-runtime';
import { KNOWLEDGE_DB_FILE, KNOWLEDGE_PAGE_CHECK_BYTES, openKnowledgeDatabase } from '../../../src/main/core/knowledge/knowledge-schema';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

describe('checking a large document index', () => {
  let data: ReturnType<typeof tempDataDir>;
  const running: KnowledgeRuntime[] = [];
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => {
    for (const r of running.splice(0)) r.close();
    data.remove();
  });

  /** A knowledge.db just over the check-at-open size, with pages near its end overwritten. */
  function damagedLargeIndex(): string {
    const { db } = openKnowledgeDatabase(data.dir, { clock: new FakeClock(), logger: recordingLogger() });
    db.exec('CREATE TABLE padding (b BLOB)');
    db.prepare('INSERT INTO padding VALUES (zeroblob(?))').run(KNOWLEDGE_PAGE_CHECK_BYTES + 1024 * 1024);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const path = join(data.dir, KNOWLEDGE_DB_FILE);
    const pages = statSync(path).size / 4096;
    const fd = openSync(path, 'r+');
    for (let page = pages - 20; page < pages - 10; page++) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
    closeSync(fd);
    return path;
  }

  const start = (warm: boolean, onDamaged?: (message: string) => void): KnowledgeRuntime => {
    const runtime = startKnowledge({ dataDir: data.dir, settings: () => DEFAULT_SETTINGS, clock: new FakeClock(), logger: recordingLogger(), ollamaHost: () => 'http://127.0.0.1:9', warm, onDamaged });
    expect(runtime).not.toBeNull();
    running.push(runtime!);
    return runtime!;
  };

  it('opens a damaged large index at once, then finds the damage in the background, tells the person and rebuilds it at the next start', async () => {
    const path = damagedLargeIndex();
    const told = new Promise<string>((resolve) => start(true, resolve));
    // Opened without reading every page: the index answers until the check reports.
    expect(running[0]!.service.index.chunkCount()).toBe(0);
    expect(await told).toBe(DAMAGED_INDEX_MESSAGE);
    expect(existsSync(`${path}.check-pages`)).toBe(true);
    running.splice(0).forEach((r) => r.close());

    const next = start(false);
    expect(existsSync(`${path}.broken`)).toBe(true);
    expect(existsSync(`${path}.check-pages`)).toBe(false);
    expect(next.service.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'padding'").pluck().get()).toBe(0);
  });
});
