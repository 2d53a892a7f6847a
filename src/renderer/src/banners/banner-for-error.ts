// An error from main (or the page) as a banner: one per error code, so a failure that repeats
// replaces its banner instead of stacking. The message already says what to do; it is shown in the
// interface language when its shape is known (localized-error.ts). Pure.
import type { ErrorInfo } from '../../../shared/errors';
import type { Banner } from '../store/banner-slice';
import { localizedError, type ErrorContext, type ErrorTranslator } from './localized-error';

const WARNINGS = new Set<ErrorInfo['code']>(['busy', 'audio_empty', 'invalid_input', 'settings_invalid']);

export function bannerForError(error: ErrorInfo, context: ErrorContext = {}, t?: ErrorTranslator): Banner {
  const message = t ? localizedError(error, context, t) : error.message;
  return { id: error.code, level: WARNINGS.has(error.code) ? 'warning' : 'error', message };
}
