// What went wrong when the microphone would not open, from getUserMedia's DOMException names. Pure.

export type MicrophoneProblem = { kind: 'denied' } | { kind: 'missing' } | { kind: 'failed'; detail: string };

export function microphoneProblem(error: unknown): MicrophoneProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'denied' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { kind: 'missing' };
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'failed', detail: detail || name || 'unknown error' };
}
