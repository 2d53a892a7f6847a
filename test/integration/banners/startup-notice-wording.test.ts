// Start-up notices and the global key's notes reach the page as codes and values, built by the
// real code in main, and the page words each in Portuguese from them (it never reads main's
// English). English is checked too: the page's sentence says what main's log says.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorText, HOTKEY_NOTE_WORDING, hotkeyNoteText } from '../../../src/renderer/src/banners/error-wording';
import { CATALOGS, translate } from '../../../src/renderer/src/i18n/translate';
import type { MessageKey } from '../../../src/renderer/src/i18n/messages-en';
import { openStores } from '../../../src/main/core/runtime/open-stores';
import { SettingsStore } from '../../../src/main/core/settings/settings-store';
import { noEmbedder } from '../../../src/main/core/store/embedder';
import type { ErrorInfo } from '../../../src/shared/errors';
import { HOTKEY_NOTE_CODES, hotkeyNote } from '../../../src/shared/hotkey-note';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

const pt = (key: MessageKey, params?: Record<string, string | number>) => translate(CATALOGS.pt, key, params);
const words = (error: ErrorInfo, language: 'en' | 'pt') => errorText(error, {}, (key, params) => translate(CATALOGS[language], key, params));

let data: ReturnType<typeof tempDataDir>;
beforeEach(() => (data = tempDataDir()));
afterEach(() => data.remove());

const openIn = (dataDir: string) =>
  openStores({ dataDir, clock: new FakeClock(), logger: recordingLogger(), settings: () => DEFAULT_SETTINGS, embedder: noEmbedder, extract: async () => [] });

function settingsProblem(fileText: string): ErrorInfo {
  const file = join(data.dir, 'settings.json');
  writeFileSync(file, fileText);
  const problem = new SettingsStore(file).load().problem;
  if (!problem) throw new Error('expected a start-up notice');
  return problem;
}

describe('start-up notices in Portuguese', () => {
  it('a settings file that is not JSON: kept aside, said with where it was kept', () => {
    const problem = settingsProblem('{ not json');
    const path = String(problem.params?.path);
    expect(path).toMatch(/settings\.json\.bad-/);
    expect(words(problem, 'pt')).toBe(pt('notice.settings.unreadable', { path }));
    expect(words(problem, 'pt')).toContain('Não foi possível ler seu arquivo de configurações');
    expect(words(problem, 'en')).toBe(problem.message);
  });

  it('a settings file that holds no settings', () => {
    const problem = settingsProblem('[]');
    expect(words(problem, 'pt')).toBe(pt('notice.settings.notSettings', { path: String(problem.params?.path) }));
    expect(words(problem, 'en')).toBe(problem.message);
  });

  it('settings with invalid values: which ones were reset, and where the old file is', () => {
    const problem = settingsProblem(JSON.stringify({ llm: { temperature: 'hot' } }));
    expect(problem.params).toMatchObject({ variant: 'fieldsReset', fields: 'llm.temperature' });
    expect(words(problem, 'pt')).toBe(pt('notice.settings.reset', { fields: 'llm.temperature', path: String(problem.params?.path) }));
    expect(words(problem, 'pt')).toContain('llm.temperature');
    expect(words(problem, 'en')).toBe(problem.message);
  });

  it('settings reset but not saved: says so, with the reason', () => {
    const problem: ErrorInfo = { code: 'settings_invalid', params: { variant: 'fieldsResetUnsaved', fields: 'llm.temperature', detail: 'ENOSPC' }, message: '' };
    expect(words(problem, 'pt')).toBe(pt('notice.settings.resetUnsaved', { fields: 'llm.temperature', detail: 'ENOSPC' }));
  });

  it('a damaged earshot.db: kept aside, said with its name and where it was kept', () => {
    writeFileSync(join(data.dir, 'earshot.db'), 'not a database '.repeat(500));
    const stores = openIn(data.dir);
    try {
      const [notice] = stores.notices.map((n) => n.toInfo());
      expect(notice?.params).toMatchObject({ variant: 'historyDamaged', file: 'earshot.db' });
      expect(words(notice!, 'pt')).toBe(pt('notice.db.history', { file: 'earshot.db', path: String(notice!.params?.path) }));
      expect(words(notice!, 'en')).toBe(notice!.message);
    } finally {
      stores.close();
    }
  });

  it('databases that cannot be opened at all: the cache and the history each say what Earshot does without them', () => {
    writeFileSync(join(data.dir, 'a-file'), '');
    const stores = openIn(join(data.dir, 'a-file', 'data'));
    try {
      const texts = stores.notices.map((n) => words(n.toInfo(), 'pt'));
      expect(texts).toEqual([pt('notice.db.cacheOff'), pt('notice.db.historyOff')]);
    } finally {
      stores.close();
    }
  });
});

describe("the global key's notes in Portuguese", () => {
  it.each(HOTKEY_NOTE_CODES)('%s', (code) => {
    const note = hotkeyNote(code, { binding: 'Ctrl+Alt+T', reason: 'no prebuild for this system' });
    const text = hotkeyNoteText(note, (key, params) => pt(key, params));
    expect(text).toBe(pt(HOTKEY_NOTE_WORDING[code], note.params));
    expect(text).not.toBe(translate(CATALOGS.en, HOTKEY_NOTE_WORDING[code], note.params));
    if (/\{binding\}/.test(CATALOGS.pt[HOTKEY_NOTE_WORDING[code]])) expect(text).toContain('Ctrl+Alt+T');
    // The page's English says what main's log says (the browser host's note is shorter on the page).
    if (code !== 'desktopOnly') expect(hotkeyNoteText(note, (key, params) => translate(CATALOGS.en, key, params))).toBe(note.message);
  });
});
