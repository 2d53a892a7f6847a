// The databases hold what was said aloud and what Earshot remembers: other users of the machine
// may not read them. A full disk names the disk and the folder, so a person knows where to free space.
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheDatabase, openEarshotDatabase } from '../../../src/main/core/store/databases';
import { mountPointOf } from '../../../src/main/core/store/disk-location';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { toStorageError } from '../../../src/main/core/store/storage-errors';
import { FakeClock, recordingLogger, tempDataDir, turn } from '../../support/store-fixtures';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('database files', () => {
  let data: ReturnType<typeof tempDataDir>;
  const clock = new FakeClock();
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  it.skipIf(process.platform === 'win32')('are created readable and writable by their owner only, -wal and -shm included', () => {
    const earshot = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const cache = openCacheDatabase(data.dir, { clock, logger: recordingLogger() });
    new SqliteHistoryStore(earshot.db).append(turn(1));
    for (const name of ['earshot.db', 'earshot.db-wal', 'earshot.db-shm', 'cache.db']) {
      expect(existsSync(join(data.dir, name)), name).toBe(true);
      expect(mode(join(data.dir, name)), name).toBe(0o600);
    }
    earshot.db.close();
    cache.db.close();
  });

  it.skipIf(process.platform === 'win32')('tightens a database file an older version left readable by everyone', () => {
    openEarshotDatabase(data.dir, { clock, logger: recordingLogger() }).db.close();
    chmodSync(join(data.dir, 'earshot.db'), 0o644);
    openEarshotDatabase(data.dir, { clock, logger: recordingLogger() }).db.close();
    expect(mode(join(data.dir, 'earshot.db'))).toBe(0o600);
  });
});

describe('a full disk', () => {
  it('names the disk and the folder', () => {
    const error = toStorageError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'your conversation history', '/data/earshot/earshot.db', () => '/data');
    expect(error.code).toBe('disk_full');
    expect(error.message).toBe(
      'The disk mounted at /data is full, so Earshot could not save your conversation history in the folder /data/earshot. Free some space on that disk (or choose another folder with EARSHOT_DATA_DIR) and try again.',
    );
  });

  it('finds the mount point of a folder, from a file that does not exist yet', () => {
    const devices: Record<string, number> = { '/': 1, '/home': 2, '/home/ana': 2, '/home/ana/.config': 2 };
    expect(mountPointOf('/home/ana/.config/Earshot/earshot.db', (p) => devices[p] ?? null)).toBe('/home');
    expect(mountPointOf('/srv/x', (p) => devices[p] ?? null)).toBe('/');
  });
});
