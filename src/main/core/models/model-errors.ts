// What can go wrong while fetching or checking a model, as EarshotErrors with a message a person
// can act on. `reason` is the precise cause (tests and the CLI use it); `code` is the nearest
// shared ErrorCode (see REASON_CODES).
import { EarshotError, isAbortError, type ErrorCode, type ErrorParams } from '../../../shared/errors';

export type ModelErrorReason =
  | 'unreachable' // no network, DNS failure, connection refused
  | 'interrupted' // connection dropped / 5xx and the retries ran out (transient)
  | 'not_found' // HTTP 404 / 410
  | 'http_error' // any other HTTP failure
  | 'corrupt' // size or checksum mismatch, broken archive, failed test load
  | 'disk_full' // ENOSPC
  | 'permission_denied' // EACCES / EPERM / EROFS / EBUSY
  | 'storage' // other file-system failures
  | 'cancelled'
  | 'busy' // another install of the same model is running
  | 'insecure'; // plain http to another machine, or a redirect to a host the catalog does not name

const REASON_CODES: Record<ModelErrorReason, ErrorCode> = {
  unreachable: 'download_failed',
  interrupted: 'download_failed',
  not_found: 'model_not_found',
  http_error: 'download_failed',
  corrupt: 'model_corrupt',
  disk_full: 'disk_full',
  permission_denied: 'permission_denied',
  storage: 'storage_failed',
  cancelled: 'cancelled',
  busy: 'busy',
  insecure: 'download_failed',
};

export class ModelError extends EarshotError {
  readonly reason: ModelErrorReason;
  /** Worth retrying after a pause (a dropped connection, a 5xx). */
  readonly transient: boolean;

  constructor(reason: ModelErrorReason, message: string, options: { transient?: boolean; cause?: unknown; params?: ErrorParams } = {}) {
    super(REASON_CODES[reason], message, { cause: options.cause, params: options.params });
    this.name = 'ModelError';
    this.reason = reason;
    this.transient = options.transient ?? false;
  }
}

export function isModelError(value: unknown): value is ModelError {
  return value instanceof ModelError;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The errno-style code of an error or of its cause chain (undici wraps socket errors in `cause`). */
export function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNREFUSED', 'ENETDOWN', 'EHOSTDOWN']);
const INTERRUPTED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

/** `subject` starts with a capital: "The download of …". */
export function cancelledError(subject: string): ModelError {
  return new ModelError('cancelled', `${subject} was cancelled.`);
}

/** A failure of fetch() or of reading its body. */
export function classifyNetworkError(error: unknown, url: string): ModelError {
  if (isModelError(error)) return error;
  if (isAbortError(error)) return cancelledError(`The download from ${hostOf(url)}`);
  const code = errorCodeOf(error);
  const host = hostOf(url);
  if (code && UNREACHABLE_CODES.has(code)) {
    return new ModelError(
      'unreachable',
      `Cannot reach ${host} (${code}). Check the network connection, or give a reachable mirror with --mirror, then run the fetch again.`,
      { cause: error },
    );
  }
  if ((code && INTERRUPTED_CODES.has(code)) || (error instanceof TypeError && /terminated|fetch failed|other side closed/i.test(error.message))) {
    return new ModelError(
      'interrupted',
      `The connection to ${host} kept dropping. Check the network and run the fetch again — it resumes where it stopped.`,
      { transient: true, cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ModelError('interrupted', `The download from ${host} failed (${detail}). Run the fetch again to resume.`, { transient: true, cause: error });
}

/** An HTTP answer that is not a success. */
export function classifyHttpStatus(status: number, url: string): ModelError {
  const host = hostOf(url);
  if (status === 404 || status === 410) {
    return new ModelError('not_found', `${url} was not found on ${host} (HTTP ${status}). The catalog or the mirror is out of date: check --mirror / --catalog, or update Earshot.`);
  }
  if (status === 401 || status === 403) {
    return new ModelError('http_error', `${host} refused the download of ${url} (HTTP ${status}). If you use a mirror, check that it allows access.`);
  }
  if (status === 408 || status === 429 || status >= 500) {
    return new ModelError('interrupted', `${host} is having trouble (HTTP ${status}). Try again in a few minutes — the fetch resumes where it stopped.`, { transient: true });
  }
  return new ModelError('http_error', `${host} answered HTTP ${status} for ${url}. Check the mirror or catalog URL.`);
}

/** A failure of the file system while writing into `path`. */
export function classifyFsError(error: unknown, path: string): ModelError {
  if (isModelError(error)) return error;
  if (isAbortError(error)) return cancelledError(`Writing ${path}`);
  const code = errorCodeOf(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ModelError('disk_full', `The disk is full while writing ${path}. Free some space (or choose another --models-dir) and run the fetch again.`, { cause: error, params: { variant: 'writing', path } });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ModelError('permission_denied', `Earshot may not write to ${path} (${code}). Fix the folder's permissions or choose another --models-dir.`, { cause: error });
  }
  if (code === 'EBUSY') {
    return new ModelError('permission_denied', `${path} is in use (EBUSY). Close Earshot windows using this model and try again.`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ModelError('storage', `Writing ${path} failed: ${detail}.`, { cause: error });
}

/** Runs a file-system step, turning its failure into a ModelError about `path`. */
export async function fsStep<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw classifyFsError(error, path);
  }
}
