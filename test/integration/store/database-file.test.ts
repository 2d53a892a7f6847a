import Database from 'better-sqlite3';
import { existsSync, openSync, readdirSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotError } from '../../../src/shared/errors';
import { checkPages, markForCheck, openDatabase, type OpenDatabaseOptions } from '../../../src/main/core/store/database-file';
import { openCacheDatabase, openEarshotDatabase } from '../../../src/main/core/store/databases';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { migrate } from '../../../src/main/core/store/migrations';
import { EARSHOT_MIGRATIONS } from '../../../src/main/core/store/schemas';
import { FakeClock, recordingLogger, tempDataDir, turn } from '../../support/store-fixtures';

describe('opening the databases', () => {
  let data: ReturnType<typeof tempDataDir>;
  const clock = new FakeClock();
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  it('opens both in WAL mode with the migrations applied, and again without re-running them', () => {
    for (let round = 0; round < 2; round++) {
      const cache = openCacheDatabase(data.dir, { clock, logger: recordingLogger() });
      const earshot = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
      expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(earshot.db.pragma('user_version', { simple: true })).toBe(EARSHOT_MIGRATIONS.length);
      expect(earshot.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(cache.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(cache.notice).toBeNull();
      cache.db.close();
      earshot.db.close();
    }
  });

  it('applies only the steps past user_version, in order', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, up: 'CREATE TABLE a (x)' },
      { version: 2, up: 'CREATE TABLE b (y)' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    expect(migrate(db, steps)).toBe(2);
    expect(() => migrate(db, [{ version: 2, up: '' }])).toThrow(/in order/);
  });

  it('recreates a cache.db that is not a database, with a logged notice', () => {
    writeFileSync(join(data.dir, 'cache.db'), 'this is not sqlite '.repeat(300));
    const logger = recordingLogger();
    const { db, notice } = openCacheDatabase(data.dir, { clock, logger });
    expect(notice).toBeNull();
    expect(db.prepare('SELECT count(*) FROM tts_audio').pluck().get()).toBe(0);
    expect(logger.lines.some((l) => l.level === 'warn' && /new, empty cache/.test(l.message))).toBe(true);
    expect(existsSync(join(data.dir, 'cache.db.broken'))).toBe(true);
    db.close();
  });

  it('keeps a damaged earshot.db aside, reports it, and starts a new one', () => {
    writeFileSync(join(data.dir, 'earshot.db'), 'garbage that is precious to someone '.repeat(300));
    const logger = recordingLogger();
    const { db, notice } = openEarshotDatabase(data.dir, { clock, logger });
    expect(notice).toBeInstanceOf(EarshotError);
    expect(notice!.code).toBe('storage_failed');
    expect(notice!.message).toMatch(/damaged/);
    expect(notice!.message).toMatch(/nothing was deleted/);
    const aside = readdirSync(data.dir).filter((f) => f.startsWith('earshot.db.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(statSync(join(data.dir, aside[0]!)).size).toBe('garbage that is precious to someone '.repeat(300).length);
    expect(notice!.message).toContain(aside[0]);
    expect(new SqliteHistoryStore(db).recent(10)).toEqual([]);
    db.close();
  });

  it('notices damage past the header (pages overwritten) in earshot.db', () => {
    const first = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const history = new SqliteHistoryStore(first.db);
    for (let n = 0; n < 400; n++) history.append(turn(n, { reply: 'a long reply '.repeat(40) }));
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.db.close();
    const path = join(data.dir, 'earshot.db');
    const fd = openSync(path, 'r+');
    const pageSize = 4096;
    for (let page = 3; page < 12; page++) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
    closeSync(fd);
    const { db, notice } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    expect(notice?.code).toBe('storage_failed');
    expect(readdirSync(data.dir).some((f) => f.startsWith('earshot.db.corrupt-'))).toBe(true);
    db.close();
  });

  it('refuses an earshot.db written by a newer Earshot instead of touching it', () => {
    const db = new Database(join(data.dir, 'earshot.db'));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openEarshotDatabase(data.dir, { clock, logger: recordingLogger() })).toThrow(/newer version of Earshot/);
    expect(existsSync(join(data.dir, 'earshot.db'))).toBe(true);
  });

  it('reports a full disk as disk_full with what to do', () => {
    const { db } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 1}`);
    const history = new SqliteHistoryStore(db);
    let error: unknown;
    try {
      for (let n = 0; n < 100; n++) history.append(turn(n, { reply: 'x'.repeat(5000) }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EarshotError);
    expect((error as EarshotError).code).toBe('disk_full');
    expect((error as EarshotError).message).toMatch(/Free some space on that disk/);
    db.close();
  });

  it('reports a locked database as storage_failed naming the other program', () => {
    const path = join(data.dir, 'locked.db');
    const holder = new Database(path);
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    expect(() =>
      openDatabase({ path, role: 'precious', migrations: [{ version: 1, up: 'CREATE TABLE u (y)' }], what: 'test data', clock, logger: recordingLogger(), busyTimeoutMs: 50 }),
    ).toThrow(/locked by another program/);
    holder.exec('COMMIT');
    holder.close();
    expect(existsSync(path)).toBe(true);
  });

  describe('a file too large to check at open', () => {
    /** A disposable file of ~2 MB whose pages past the header are overwritten. */
    function damagedFile(): OpenDatabaseOptions {
      const options: OpenDatabaseOptions = {
        path: join(data.dir, 'index.db'),
        role: 'disposable',
        migrations: [{ version: 1, up: 'CREATE TABLE notes (text TEXT)' }],
        what: 'the test index',
        clock,
        logger: recordingLogger(),
        pageCheck: { upToBytes: 64 * 1024 },
      };
      const { db } = openDatabase(options);
      const insert = db.prepare('INSERT INTO notes VALUES (?)');
      for (let n = 0; n < 400; n++) insert.run(`note ${n} `.repeat(500));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      const fd = openSync(options.path, 'r+');
      for (let page = 3; page < 12; page++) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
      closeSync(fd);
      return options;
    }

    it('opens unchecked, is found damaged by checkPages, and once marked is checked at open and started again', () => {
      const options = damagedFile();
      const unchecked = openDatabase(options);
      expect(unchecked.notice).toBeNull();
      expect(existsSync(`${options.path}.broken`)).toBe(false);
      expect(checkPages(unchecked.db)).toMatch(/page/);
      markForCheck(options.path);
      unchecked.db.close();

      const checked = openDatabase(options);
      expect(existsSync(`${options.path}.broken`)).toBe(true);
      expect(checked.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
      // The new file was checked and is sound: the next open goes back to the size rule.
      expect(existsSync(`${options.path}.check-pages`)).toBe(false);
      checked.db.close();
    });

    it('is checked at open like any other when it is within the size', () => {
      const options = damagedFile();
      const { db } = openDatabase({ ...options, pageCheck: { upToBytes: 64 * 1024 * 1024 } });
      expect(existsSync(`${options.path}.broken`)).toBe(true);
      db.close();
    });

    it('is never checked, nor moved, by a second connection that leaves that to its owner', () => {
      const options = damagedFile();
      markForCheck(options.path);
      const { db } = openDatabase({ ...options, pageCheck: 'never' });
      expect(existsSync(`${options.path}.broken`)).toBe(false);
      expect(existsSync(`${options.path}.check-pages`)).toBe(true);
      db.close();
    });

    it('finds nothing wrong with a sound file', () => {
      const { db } = openDatabase({ path: join(data.dir, 'sound.db'), role: 'disposable', migrations: [{ version: 1, up: 'CREATE TABLE t (x)' }], what: 'a test file', clock, logger: recordingLogger() });
      expect(checkPages(db)).toBeNull();
      db.close();
    });
  });
});
