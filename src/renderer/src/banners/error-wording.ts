// How the page words an error: from its code and params, in the interface language, never from
// main's English message. Each code has a plain sentence that needs no values, and may have more
// precise ones, picked by params.variant (or the code alone), that say which host, model or file.
// A precise sentence is used only when every value it names is known; otherwise the plain one. Pure.
import type { ErrorCode, ErrorInfo, ErrorParams } from '../../../shared/errors';
import type { HotkeyNote, HotkeyNoteCode } from '../../../shared/hotkey-note';
import { en, type MessageKey } from '../i18n/messages-en';
import type { MessageParams } from '../i18n/translate';
import type { ErrorContext } from '../store/banner-slice';

export type { ErrorContext };

export type ErrorTranslator = (key: MessageKey, params?: MessageParams) => string;

export interface ErrorWording {
  /** Needs no values: said when the precise sentence cannot be filled in. */
  plain: MessageKey;
  /** Said when params.variant is absent and its values are known. */
  precise?: MessageKey;
  variants?: Readonly<Record<string, MessageKey>>;
}

export const ERROR_WORDING: Readonly<Record<ErrorCode, ErrorWording>> = {
  invalid_input: {
    plain: 'error.code.invalid_input',
    variants: {
      notListening: 'error.input.notListening',
      noMemory: 'error.input.noMemory',
      pickerDesktopOnly: 'error.input.pickerDesktopOnly',
      openDesktopOnly: 'error.input.openDesktopOnly',
      notQuoted: 'error.input.notQuoted',
      conversationGone: 'error.input.conversationGone',
    },
  },
  busy: { plain: 'error.code.busy', variants: { download: 'error.busy.download', turn: 'error.busy.turn' } },
  cancelled: {
    plain: 'error.cancelled.stopped',
    variants: {
      turn: 'error.cancelled.turn',
      stopped: 'error.cancelled.stopped',
      download: 'error.cancelled.download',
      unpack: 'error.cancelled.unpack',
      fetch: 'error.cancelled.fetch',
      fetchKept: 'error.cancelled.fetchKept',
    },
  },
  audio_empty: { plain: 'error.audio.silent', variants: { silent: 'error.audio.silent', noWords: 'error.audio.noWords', emptyFile: 'error.audio.emptyFile' } },
  audio_invalid: { plain: 'error.code.audio_invalid' },
  audio_too_long: { plain: 'error.code.audio_too_long', precise: 'error.audio.tooLong' },
  stt_model_missing: { plain: 'error.code.stt_model_missing', precise: 'error.stt.modelMissing' },
  stt_model_corrupt: { plain: 'error.code.stt_model_corrupt' },
  stt_failed: { plain: 'error.code.stt_failed' },
  vad_failed: { plain: 'error.code.vad_failed' },
  tts_model_missing: { plain: 'error.code.tts_model_missing', precise: 'error.tts.modelMissing', variants: { fileMissing: 'error.tts.fileMissing' } },
  tts_model_corrupt: { plain: 'error.code.tts_model_corrupt', precise: 'error.tts.modelCorrupt' },
  tts_failed: { plain: 'error.code.tts_failed', precise: 'error.tts.failed' },
  llm_unreachable: {
    plain: 'error.code.llm_unreachable',
    precise: 'error.llm.unreachable',
    variants: { guardedWait: 'error.llm.guardedWait', guardedProbe: 'error.llm.guardedProbe' },
  },
  llm_timeout: { plain: 'error.code.llm_timeout', precise: 'error.llm.timeout', variants: { guardedWait: 'error.llm.guardedWait', guardedProbe: 'error.llm.guardedProbe' } },
  llm_model_missing: { plain: 'error.code.llm_model_missing', precise: 'error.llm.modelMissing', variants: { unknown: 'error.llm.modelUnknown' } },
  llm_http_error: {
    plain: 'error.code.llm_http_error',
    precise: 'error.llm.http',
    variants: { busy: 'error.llm.busy', serverError: 'error.llm.serverError', guardedWait: 'error.llm.guardedWait', guardedProbe: 'error.llm.guardedProbe' },
  },
  llm_stream_broken: {
    plain: 'error.code.llm_stream_broken',
    precise: 'error.llm.streamBroken',
    variants: { guardedWait: 'error.llm.guardedWait', guardedProbe: 'error.llm.guardedProbe', pullStopped: 'error.llm.pullStopped' },
  },
  settings_invalid: {
    plain: 'error.code.settings_invalid',
    // Start-up notices: the settings file was set aside or some of its values reset.
    variants: {
      fileUnreadable: 'notice.settings.unreadable',
      notSettings: 'notice.settings.notSettings',
      fieldsReset: 'notice.settings.reset',
      fieldsResetUnsaved: 'notice.settings.resetUnsaved',
    },
  },
  storage_failed: {
    plain: 'error.code.storage_failed',
    variants: {
      historyDamaged: 'notice.db.history',
      historyOff: 'notice.db.historyOff',
      cacheOff: 'notice.db.cacheOff',
      noIndex: 'error.storage.noIndex',
      locked: 'error.storage.locked',
      noAccess: 'error.storage.noAccess',
      damaged: 'error.storage.damaged',
      diskError: 'error.storage.diskError',
      newerVersion: 'error.storage.newerVersion',
    },
  },
  disk_full: {
    plain: 'error.code.disk_full',
    variants: {
      settings: 'error.disk.settings',
      writing: 'error.disk.writing',
      space: 'error.disk.space',
      store: 'error.disk.store',
      historyOff: 'notice.db.historyOff',
      cacheOff: 'notice.db.cacheOff',
    },
  },
  permission_denied: {
    plain: 'error.code.permission_denied',
    variants: { micDenied: 'mic.denied', micMissing: 'mic.missing', noOpener: 'error.open.noOpener', historyOff: 'notice.db.historyOff', cacheOff: 'notice.db.cacheOff' },
  },
  download_failed: { plain: 'error.code.download_failed' },
  model_not_found: { plain: 'error.code.model_not_found' },
  model_corrupt: { plain: 'error.code.model_corrupt' },
  internal: { plain: 'error.code.internal', variants: { micFailed: 'mic.failed', notConnected: 'connection.notConnected' } },
};

/** The names a sentence fills in: "{host}" → host. */
export function placeholdersOf(sentence: string): string[] {
  return [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** The catalog key and values for an error (every catalog names the same values as the English one). */
export function errorWording(error: ErrorInfo, context: ErrorContext = {}): { key: MessageKey; params: ErrorParams } {
  const wording = ERROR_WORDING[error.code];
  const known: ErrorParams = { ...contextParams(context), ...error.params };
  const variant = typeof error.params?.variant === 'string' ? error.params.variant : undefined;
  const precise = variant !== undefined ? wording.variants?.[variant] : wording.precise;
  if (precise && placeholdersOf(en[precise]).every((name) => name in known)) return { key: precise, params: known };
  return { key: wording.plain, params: known };
}

/** What the page already knows that main's error may leave out (the Ollama host, the chat model). */
function contextParams(context: ErrorContext): ErrorParams {
  const params: ErrorParams = {};
  if (context.ollamaHost) params.host = context.ollamaHost;
  if (context.chatModel) params.model = context.chatModel;
  return params;
}

export function errorText(error: ErrorInfo, context: ErrorContext, t: ErrorTranslator): string {
  const { key, params } = errorWording(error, context);
  return t(key, params);
}

/** The sentence for each of the global key's notes. */
export const HOTKEY_NOTE_WORDING: Readonly<Record<HotkeyNoteCode, MessageKey>> = {
  wayland: 'hotkey.note.wayland',
  unavailable: 'hotkey.note.unavailable',
  cannotWatch: 'hotkey.note.cannotWatch',
  hookFailedMac: 'hotkey.note.hookFailedMac',
  hookFailed: 'hotkey.note.hookFailed',
  unregistered: 'hotkey.note.unregistered',
  paused: 'hotkey.note.paused',
  desktopOnly: 'settings.hotkeyUnavailable',
};

/** A note about the global key in the interface language, from its code and values. */
export function hotkeyNoteText(note: HotkeyNote, t: ErrorTranslator): string {
  return t(HOTKEY_NOTE_WORDING[note.code], note.params);
}
