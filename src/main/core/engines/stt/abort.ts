// Cancellation for long-running inference: an Error named AbortError, which the pipeline reports
// as a cancelled turn rather than a failure.

export function abortError(message = 'Speech-to-text was cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
