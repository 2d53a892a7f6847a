// Main's start-up notices and hotkey notes in the interface language, recognised by their English
// shape; anything else is shown as main wrote it. Pure.
import { en, type MessageKey } from '../i18n/messages-en';
import { translate, type MessageParams } from '../i18n/translate';

export type ErrorTranslator = (key: MessageKey, params?: MessageParams) => string;

const patterns = new Map<MessageKey, RegExp>();

/** The English sentence as a pattern: each {name} captures a value; a name used twice must repeat it. */
function patternOf(key: MessageKey): RegExp {
  let pattern = patterns.get(key);
  if (!pattern) {
    const seen = new Set<string>();
    const source = en[key]
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (seen.has(name)) return `\\k<${name}>`;
        seen.add(name);
        return `(?<${name}>.+?)`;
      })
      .join('');
    pattern = new RegExp(`^${source}$`, 's');
    patterns.set(key, pattern);
  }
  return pattern;
}

/** The catalog key and values that say `message` again, if it has one of `keys`' shapes. */
export function matchErrorShape(message: string, keys: readonly MessageKey[]): { key: MessageKey; params: MessageParams } | null {
  for (const key of keys) {
    const found = patternOf(key).exec(message);
    if (!found) continue;
    const params: MessageParams = { ...found.groups };
    // Only a sentence that says exactly what main said may replace it.
    if (translate(en, key, params) === message) return { key, params };
  }
  return null;
}

/** The global hotkey's notes (src/main/electron/global-hotkey.ts), which main writes in English. */
const HOTKEY_NOTE_SHAPES: readonly MessageKey[] = [
  'hotkey.note.wayland',
  'hotkey.note.unavailable',
  'hotkey.note.cannotWatch',
  'hotkey.note.hookFailedMac',
  'hotkey.note.hookFailed',
  'hotkey.note.unregistered',
  'hotkey.note.paused',
];

/** Main's start-up notices (src/main/core/settings-store.ts, store/database-file.ts). */
const NOTICE_SHAPES: readonly MessageKey[] = [
  'notice.settings.unreadable',
  'notice.settings.notSettings',
  'notice.settings.reset',
  'notice.settings.resetUnsaved',
  'notice.db.history',
  'notice.db.cache',
];

/** `text` said again in the interface language when it has one of `keys`' shapes, else as written. */
function localizedByShape(text: string, keys: readonly MessageKey[], t: ErrorTranslator): string {
  const match = matchErrorShape(text, keys);
  return match ? t(match.key, match.params) : text;
}

/** A notice from main in the interface language when its shape is known, else as main wrote it. */
export function localizedNotice(message: string, t: ErrorTranslator): string {
  return localizedByShape(message, NOTICE_SHAPES, t);
}

/** A hotkey note in the interface language when its shape is known, else as main wrote it. */
export function localizedHotkeyNote(note: string, t: ErrorTranslator): string {
  return localizedByShape(note, HOTKEY_NOTE_SHAPES, t);
}
