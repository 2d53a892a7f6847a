// Error codes and the error value that crosses every boundary. A message is written for a person:
// it says what happened and what to do, never a stack trace.

export const ERROR_CODES = [
  'invalid_input',
  'busy',
  'cancelled',
  'audio_empty',
  'audio_invalid',
  'audio_too_long',
  'stt_model_missing',
  'stt_model_corrupt',
  'stt_failed',
  'vad_failed',
  'tts_model_missing',
  'tts_model_corrupt',
  'tts_failed',
  'llm_unreachable',
  'llm_timeout',
  'llm_model_missing',
  'llm_http_error',
  'llm_stream_broken',
  'settings_invalid',
  'storage_failed',
  'disk_full',
  'permission_denied',
  'download_failed',
  'model_not_found',
  'model_corrupt',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** An expected failure: code for programs, message for people. */
export class EarshotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EarshotError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isEarshotError(value: unknown): value is EarshotError {
  return value instanceof EarshotError;
}

/** Any thrown value as an ErrorInfo; unknown failures become `internal` with a generic message. */
export function toErrorInfo(value: unknown): ErrorInfo {
  if (value instanceof EarshotError) return value.toInfo();
  if (isAbortError(value)) return { code: 'cancelled', message: 'The turn was cancelled.' };
  const detail = value instanceof Error ? value.message : String(value);
  return { code: 'internal', message: `Something went wrong inside Earshot: ${detail}` };
}

/** The error a cancelled operation rejects with (name AbortError, as fetch and AbortSignal use). */
export function abortError(message = 'Cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

export function isAbortError(value: unknown): boolean {
  return value instanceof Error && (value.name === 'AbortError' || value.name === 'CancelledError');
}
