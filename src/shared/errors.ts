// Error codes and the error value that crosses every boundary. Each surface words an error from its
// code and params, in its own language (the page in English and Portuguese); nothing parses the
// English message, which stays only for logs and for the command line, whose language it is. A
// message is written for a person: it says what happened and what to do, never a stack trace.

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

/**
 * The values a wording fills in (host, model, path, seconds…). `variant` picks one of a code's
 * sentences when it has several (audio_empty: 'silent', 'noWords' or 'emptyFile').
 */
export type ErrorParams = Record<string, string | number>;

export interface ErrorInfo {
  code: ErrorCode;
  params?: ErrorParams;
  /** The English sentence, for logs and the command line; the page words the code and params instead. */
  message: string;
}

/** An expected failure: code and params for programs and translations, message for logs and the CLI. */
export class EarshotError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; params?: ErrorParams }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EarshotError';
    this.code = code;
    this.params = options?.params;
  }

  toInfo(): ErrorInfo {
    return this.params ? { code: this.code, params: this.params, message: this.message } : { code: this.code, message: this.message };
  }
}

export function isEarshotError(value: unknown): value is EarshotError {
  return value instanceof EarshotError;
}

/** Any thrown value as an ErrorInfo; unknown failures become `internal` with a generic message. */
export function toErrorInfo(value: unknown): ErrorInfo {
  if (value instanceof EarshotError) return value.toInfo();
  if (isAbortError(value)) return { code: 'cancelled', params: { variant: 'turn' }, message: 'The turn was cancelled.' };
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
