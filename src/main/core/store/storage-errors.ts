// SQLite and file-system failures as EarshotError values a person can act on.
import { dirname } from 'node:path';
import { EarshotError } from '../../../shared/errors';
import { mountPointOf } from './disk-location';

/** The SQLite (SQLITE_…) or Node (E…) code of a thrown value, if any. */
export function storageErrorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

export function isCorruptionError(error: unknown): boolean {
  const code = storageErrorCode(error) ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** `what` names the data for the person ("your conversation history"), `path` the file. */
export function toStorageError(error: unknown, what: string, path: string, mountOf: (path: string) => string | null = mountPointOf): EarshotError {
  if (error instanceof EarshotError) return error;
  const code = storageErrorCode(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') {
    const mount = mountOf(dirname(path));
    const disk = mount ? `The disk mounted at ${mount}` : 'The disk';
    return new EarshotError(
      'disk_full',
      `${disk} is full, so Earshot could not save ${what} in the folder ${dirname(path)}. Free some space on that disk (or choose another folder with EARSHOT_DATA_DIR) and try again.`,
      { cause: error, params: { variant: 'store', folder: dirname(path) } },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new EarshotError(
      'storage_failed',
      `${path} is locked by another program (another Earshot window or an \`npm run\` command?), so ${what} could not be saved. Close the other one and try again.`,
      { cause: error, params: { variant: 'locked', path } },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new EarshotError(
      'storage_failed',
      `Earshot cannot open or write ${path} (${what}). Check that the folder exists and that you may write to it, or choose another folder with EARSHOT_DATA_DIR.`,
      { cause: error, params: { variant: 'noAccess', path } },
    );
  }
  if (isCorruptionError(error)) {
    return new EarshotError('storage_failed', `${path} (${what}) is damaged: ${detail}. Quit Earshot and move the file aside; Earshot starts a new one next time.`, { cause: error, params: { variant: 'damaged', path } });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new EarshotError('storage_failed', `The disk reported an error while Earshot used ${path} (${what}). Check the disk, then try again.`, { cause: error, params: { variant: 'diskError', path } });
  }
  return new EarshotError('storage_failed', `Earshot could not use ${path} (${what}): ${detail}.`, { cause: error });
}
