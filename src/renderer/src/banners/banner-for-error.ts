// An error from main (or the page) as a banner: one per error code, so a failure that repeats
// replaces its banner instead of stacking. The message already says what to do. Pure.
import type { ErrorInfo } from '../../../shared/errors';
import type { Banner } from '../store/banner-slice';

const WARNINGS = new Set<ErrorInfo['code']>(['busy', 'audio_empty', 'invalid_input', 'settings_invalid']);

export function bannerForError(error: ErrorInfo): Banner {
  return { id: error.code, level: WARNINGS.has(error.code) ? 'warning' : 'error', message: error.message };
}
