// Opening one SQLite file: WAL, synchronous level, busy timeout, a quick integrity check, the
// migration list — and what to do when the file is damaged. A disposable file (cache.db) is moved
// aside and recreated with a logged notice; a precious one (earshot.db) is renamed
// <name>.corrupt-<timestamp>, a new one is started, and the caller gets a notice to show the user.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { EarshotError } from '../../../shared/errors';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { migrate, type Migration, NewerSchemaError } from './migrations';
import { isCorruptionError, toStorageError } from './storage-errors';

export type DatabaseRole = 'disposable' | 'precious';

export interface OpenDatabaseOptions {
  path: string;
  role: DatabaseRole;
  migrations: readonly Migration[];
  /** Names the data for messages: "the speech and answer cache", "your conversation history". */
  what: string;
  clock: Clock;
  logger: Logger;
  /** NORMAL survives a crashed or killed process; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * Whether the open reads every page to find damage (default 'always'). It reads the whole file on
   * the thread that opens it: 7.2 s for a 600 MB document index on its first read, 1.2 s once in
   * the page cache. With a size limit, a larger file is opened unchecked unless it was marked (markForCheck):
   * its owner checks it in the background (checkPages) and marks it on damage, so the next open
   * checks it in full and starts it again. 'never' is for a second connection to a file its owner
   * has opened (and checked) already: moving the file aside is the owner's to do.
   */
  pageCheck?: 'always' | 'never' | { upToBytes: number };
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Set when the file had to be replaced: tell the user. */
  notice: EarshotError | null;
}

class DamagedDatabaseError extends Error {
  readonly code = 'SQLITE_CORRUPT';
  constructor(detail: string) {
    super(detail);
    this.name = 'DamagedDatabaseError';
  }
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/** Owner-only: the files hold what was said aloud and what Earshot remembers about the user. */
const FILE_MODE = 0o600;

/** Creates the file owner-only before SQLite does (SQLite gives its -wal and -shm the main file's mode) and tightens older files. */
function restrictPermissions(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', FILE_MODE));
  for (const side of SIDE_FILES) {
    try {
      if (existsSync(path + side)) chmodSync(path + side, FILE_MODE);
    } catch {
      // Not ours to change (another user's file, a file system without modes): SQLite says if it cannot use it.
    }
  }
}

function connect(options: OpenDatabaseOptions): Database.Database {
  if (!options.readonly) restrictPermissions(options.path);
  const db = new Database(options.path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    }
    db.pragma('foreign_keys = ON');
    // quick_check reads every page once, and it catches damage past the header.
    if (shouldCheckPages(options)) {
      const damage = checkPages(db);
      if (damage !== null) throw new DamagedDatabaseError(damage);
      rmSync(checkMarker(options.path), { force: true });
    }
    if (!options.readonly) migrate(db, options.migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Beside the file: its pages were found damaged after it was opened; check them at the next open. */
const checkMarker = (path: string): string => `${path}.check-pages`;

function shouldCheckPages(options: OpenDatabaseOptions): boolean {
  const rule = options.pageCheck ?? 'always';
  if (rule === 'always' || rule === 'never') return rule === 'always';
  if (existsSync(checkMarker(options.path))) return true;
  try {
    return statSync(options.path).size <= rule.upToBytes;
  } catch {
    return true;
  }
}

/** What SQLite's quick_check finds wrong with the file's pages; null when nothing. */
export function checkPages(db: Database.Database): string | null {
  try {
    const check = db.pragma('quick_check(1)', { simple: true });
    return check === 'ok' ? null : String(check);
  } catch (error) {
    // Damage bad enough that the check itself cannot read on; any other failure is not a finding.
    if (isCorruptionError(error)) return error instanceof Error ? error.message : String(error);
    throw error;
  }
}

/** Has the next open of `path` check every page (and start the file again if they are damaged). */
export function markForCheck(path: string): void {
  closeSync(openSync(checkMarker(path), 'a', FILE_MODE));
}

/** Renames the file and its -wal/-shm companions to <path><suffix>…; returns the new main path. */
function moveAside(path: string, suffix: string): string {
  for (const side of SIDE_FILES) {
    if (existsSync(path + side)) renameSync(path + side, `${path}${suffix}${side}`);
  }
  return path + suffix;
}

function stamp(clock: Clock): string {
  return new Date(clock.wallNow()).toISOString().replace(/[:.]/g, '-');
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { path, role, what, logger } = options;
  if (!options.readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw toStorageError(error, what, path);
    }
  }
  try {
    return { db: connect(options), notice: null };
  } catch (error) {
    if (options.readonly) throw toStorageError(error, what, path);
    const damaged = isCorruptionError(error) || error instanceof DamagedDatabaseError;
    if (role === 'disposable' && (damaged || error instanceof NewerSchemaError)) {
      // A damaged cache is fixed by starting it again; only a failure to do that is an error.
      const reason = error instanceof Error ? error.message : String(error);
      try {
        for (const side of SIDE_FILES) rmSync(`${path}.broken${side}`, { force: true });
        moveAside(path, '.broken');
        const db = connect(options);
        logger.warn(`${basename(path)} could not be used (${reason}); it was moved to ${basename(path)}.broken and a new, empty cache started.`, { path });
        return { db, notice: null };
      } catch (retryError) {
        throw toStorageError(retryError, what, path);
      }
    }
    if (error instanceof NewerSchemaError) {
      throw new EarshotError(
        'storage_failed',
        `${path} (${what}) was written by a newer version of Earshot. Update Earshot, or move the file aside to start a new one.`,
        { cause: error, params: { variant: 'newerVersion', path } },
      );
    }
    // Locked, read-only, disk full: nothing is wrong with the file, so it is never moved.
    if (!damaged) throw toStorageError(error, what, path);
    let keptAt: string;
    try {
      keptAt = moveAside(path, `.corrupt-${stamp(options.clock)}`);
    } catch (renameError) {
      throw toStorageError(renameError, what, path);
    }
    const notice = new EarshotError(
      'storage_failed',
      `${what[0]!.toUpperCase()}${what.slice(1)} could not be read because ${basename(path)} is damaged. ` +
        `The damaged file was kept as ${keptAt} (nothing was deleted) and Earshot started a new one. ` +
        'A database repair tool may get the old data back from it.',
      // earshot.db is the only file kept rather than rebuilt, so the page words it as the history's.
      { cause: error, params: { variant: 'historyDamaged', file: basename(path), path: keptAt } },
    );
    logger.error(notice.message, { path, keptAt });
    try {
      return { db: connect(options), notice };
    } catch (retryError) {
      throw toStorageError(retryError, what, path);
    }
  }
}
