// Errors main throws while the app runs carry the values their sentence names, so the page can say
// them in Portuguese with the file, voice or conversation they are about, instead of a sentence
// that names nothing. Each error here is built by main's own code.
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/renderer/src/banners/error-wording';
import { CATALOGS, translate } from '../../../src/renderer/src/i18n/translate';
import type { MessageKey } from '../../../src/renderer/src/i18n/messages-en';
import { corrupt } from '../../../src/main/core/engines/tts/tts-voice-files';
import { toStorageError } from '../../../src/main/core/store/storage-errors';
import type { EarshotError } from '../../../src/shared/errors';

const inPortuguese = (error: EarshotError) => errorText(error.toInfo(), {}, (key, params) => translate(CATALOGS.pt, key, params));
const sqlite = (code: string) => Object.assign(new Error(code), { code });
const DB = '/home/ana/.local/share/earshot/earshot.db';

const CASES: Array<{ name: string; error: EarshotError; key: MessageKey; names: string }> = [
  { name: 'a locked database', error: toStorageError(sqlite('SQLITE_BUSY'), 'your history', DB), key: 'error.storage.locked', names: DB },
  { name: 'a database Earshot may not write', error: toStorageError(sqlite('EACCES'), 'your history', DB), key: 'error.storage.noAccess', names: DB },
  { name: 'a damaged database', error: toStorageError(sqlite('SQLITE_CORRUPT'), 'your history', DB), key: 'error.storage.damaged', names: DB },
  { name: 'a disk error', error: toStorageError(sqlite('SQLITE_IOERR_WRITE'), 'your history', DB), key: 'error.storage.diskError', names: DB },
  { name: 'a full disk', error: toStorageError(sqlite('SQLITE_FULL'), 'your history', DB, () => null), key: 'error.disk.store', names: '/home/ana/.local/share/earshot' },
  { name: 'a damaged voice', error: corrupt('pt_BR-faber-medium', 'tokens.txt', 'empty'), key: 'error.tts.modelCorrupt', names: 'pt_BR-faber-medium' },
];

describe('errors worded in Portuguese with the values main gave', () => {
  it.each(CASES)('$name', ({ error, key, names }) => {
    const text = inPortuguese(error);
    expect(text).toBe(translate(CATALOGS.pt, key, error.params));
    expect(text).toContain(names);
    // Not the code's plain sentence, which names nothing.
    expect(text).not.toBe(CATALOGS.pt[`error.code.${error.code}` as MessageKey]);
  });
});
