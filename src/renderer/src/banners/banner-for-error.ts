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

/** What a banner offers to fix its problem in the app: check Ollama again, or get the missing model. */
export type BannerFix = 'retry' | 'download';

const RETRY = new Set<ErrorInfo['code']>(['llm_unreachable', 'llm_timeout']);
const DOWNLOAD = new Set<ErrorInfo['code']>(['llm_model_missing', 'stt_model_missing', 'stt_model_corrupt', 'tts_model_missing', 'tts_model_corrupt']);

export function bannerFix(text: BannerText): BannerFix | null {
  if (text.kind !== 'error') return null;
  // A model Ollama's library does not know cannot be downloaded: the name needs changing instead.
  if (text.error.code === 'llm_model_missing' && text.error.params?.variant === 'unknown') return null;
  if (RETRY.has(text.error.code)) return 'retry';
  if (DOWNLOAD.has(text.error.code)) return 'download';
  return null;
}

/** A banner's words in the catalog's language. */
export function bannerMessage(text: BannerText, messages: Messages): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(messages, key, params);
  if (text.kind === 'plain') return text.message;
  if (text.kind === 'catalog') return t(text.key, text.params);
  return errorText(text.error, text.context, t);
}
