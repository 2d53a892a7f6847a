// Earshot's two database files and how each is opened.
import { join } from 'node:path';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { openDatabase, type OpenedDatabase } from './database-file';
import { CACHE_MIGRATIONS, EARSHOT_MIGRATIONS } from './schemas';

export const CACHE_DB_FILE = 'cache.db';
export const EARSHOT_DB_FILE = 'earshot.db';

export interface DatabaseDeps {
  clock: Clock;
  logger: Logger;
  readonly?: boolean;
}

/** cache.db: disposable; a damaged one is moved aside and replaced without asking. */
export function openCacheDatabase(dataDir: string, deps: DatabaseDeps): OpenedDatabase {
  return openDatabase({
    path: join(dataDir, CACHE_DB_FILE),
    role: 'disposable',
    migrations: CACHE_MIGRATIONS,
    what: 'the speech and answer cache',
    synchronous: 'NORMAL',
    ...deps,
  });
}

/**
 * earshot.db: precious; a damaged one is kept aside and reported. synchronous=FULL: a committed
 * turn survives a power cut too, at ~1 ms per write — off the hot path, a few writes per turn.
 */
export function openEarshotDatabase(dataDir: string, deps: DatabaseDeps): OpenedDatabase {
  return openDatabase({
    path: join(dataDir, EARSHOT_DB_FILE),
    role: 'precious',
    migrations: EARSHOT_MIGRATIONS,
    what: 'your conversation history and memories',
    synchronous: 'FULL',
    ...deps,
  });
}
