// An error from main (or the page) as a banner: one per error code, so a failure that repeats
// replaces its banner instead of stacking. Its words come from the code and params
// (error-wording.ts), in whichever language the interface uses when the banner is drawn. Pure.
import type { ErrorInfo } from '../../../shared/errors';
import { translate, type MessageParams } from '../i18n/translate';
import type { Messages, MessageKey } from '../i18n/messages-en';
import type { Banner, BannerText } from '../store/banner-slice';
import { errorText, type ErrorContext } from './error-wording';

const WARNINGS = new Set<ErrorInfo['code']>(['busy', 'audio_empty', 'invalid_input', 'settings_invalid']);

export function bannerForError(error: ErrorInfo, context: ErrorContext = {}): Banner {
  return { id: error.code, level: WARNINGS.has(error.code) ? 'warning' : 'error', text: { kind: 'error', error, context } };
}

/** A banner's words in the catalog's language. */
export function bannerMessage(text: BannerText, messages: Messages): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(messages, key, params);
  if (text.kind === 'plain') return text.message;
  if (text.kind === 'catalog') return t(text.key, text.params);
  return errorText(text.error, text.context, t);
}
