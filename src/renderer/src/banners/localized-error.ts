// An error from main in the interface language. Main writes its messages in English (and so does the
// page for the microphone's, so that a banner can follow a change of language); for the
// shapes it is known to use, the same sentence comes from the catalog with the values (host,
// model, path…) read back out of main's text. Anything else is shown as main wrote it. In English
// the result is always exactly main's message. Pure.
import type { ErrorInfo } from '../../../shared/errors';
import { en, type MessageKey } from '../i18n/messages-en';
import { translate, type MessageParams } from '../i18n/translate';
import type { ErrorContext } from '../store/banner-slice';

export type { ErrorContext };


export type ErrorTranslator = (key: MessageKey, params?: MessageParams) => string;

/** The catalog sentences main's messages are known to take, per code; the first that matches wins. */
/** The circuit breaker's sentences, which quote the last error as {why} (translated in turn). */
const GUARDED: readonly MessageKey[] = ['error.llm.guardedWait', 'error.llm.guardedProbe'];

const SHAPES: Partial<Record<ErrorInfo['code'], readonly MessageKey[]>> = {
  llm_unreachable: ['error.llm.unreachable', ...GUARDED],
  llm_model_missing: ['error.llm.modelMissing', 'error.llm.modelUnknown'],
  llm_timeout: ['error.llm.timeout', ...GUARDED],
  llm_http_error: ['error.llm.busy', 'error.llm.http', 'error.llm.serverError', ...GUARDED],
  llm_stream_broken: ['error.llm.streamBroken', ...GUARDED],
  audio_empty: ['error.audio.silent', 'error.audio.noWords', 'error.audio.emptyFile'],
  stt_model_missing: ['error.stt.modelMissing'],
  tts_model_missing: ['error.tts.fileMissing', 'error.tts.modelMissing'],
  disk_full: ['error.disk.settings', 'error.disk.writing', 'error.disk.space'],
  permission_denied: ['mic.denied', 'mic.missing'],
  internal: ['mic.failed', 'connection.notConnected'],
  audio_too_long: ['error.audio.tooLong'],
  busy: ['error.busy.download', 'error.busy.turn'],
  cancelled: ['error.cancelled.turn', 'error.cancelled.stopped', 'error.cancelled.download', 'error.cancelled.unpack', 'error.cancelled.fetchKept', 'error.cancelled.fetch'],
};

/** When main sent no message at all, what the context is enough to say. */
const FROM_CONTEXT: Partial<Record<ErrorInfo['code'], (context: ErrorContext) => { key: MessageKey; params: MessageParams } | null>> = {
  llm_unreachable: ({ ollamaHost }) => (ollamaHost ? { key: 'error.llm.unreachable', params: { host: ollamaHost } } : null),
  llm_model_missing: ({ chatModel }) => (chatModel ? { key: 'error.llm.modelMissing', params: { model: chatModel } } : null),
};

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

export function localizedError(error: ErrorInfo, context: ErrorContext, t: ErrorTranslator): string {
  const keys = SHAPES[error.code];
  if (!keys) return error.message;
  if (error.message.trim() === '') {
    const known = FROM_CONTEXT[error.code]?.(context);
    return known ? t(known.key, known.params) : error.message;
  }
  const match = matchErrorShape(error.message, keys);
  if (!match) return error.message;
  if (GUARDED.includes(match.key) && typeof match.params.why === 'string') {
    return t(match.key, { ...match.params, why: localizedError({ ...error, message: match.params.why }, context, t) });
  }
  return t(match.key, match.params);
}

/**
 * The first-run check's line for an Ollama that does not answer: main's error in the interface
 * language, with the host from the setup status. Outside English, an unreachable Ollama whose
 * message has no known shape still gets the catalog sentence rather than English.
 */
export function ollamaDownText(error: ErrorInfo | null, host: string, t: ErrorTranslator, language: string): string {
  if (!error) return t('setup.ollama.down', { host });
  const text = localizedError(error, { ollamaHost: host }, t);
  if (text === error.message && language !== 'en' && error.code === 'llm_unreachable') return t('error.llm.unreachable', { host });
  return text;
}
