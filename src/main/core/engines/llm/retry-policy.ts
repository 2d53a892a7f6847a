// When to try Ollama again, as pure functions: exponential backoff with bounded jitter, capped, and
// never beyond the time left before the first-token deadline.
//
// Retried: failures where Ollama never answered (connection refused/reset, socket closed before the
// response headers) — Ollama starting up or restarting — and HTTP 503, which Ollama sends when its
// request queue is full and whose text says "please try again". Both happen before any token, so a
// retry can never repeat words the user already heard. Not retried: any other HTTP status (404 model
// missing and 500 runner crashed will not fix themselves in a second), anything after the response
// started (cut or malformed stream), and timeouts.
import type { OllamaFailure } from './ollama-errors';

export interface RetryPolicy {
  /** Total attempts, the first included; 1 means never retry. */
  attempts: number;
  /** Delay ceiling before the first retry; doubles for each retry after that. */
  baseMs: number;
  /** Cap on the delay ceiling. */
  maxMs: number;
}

/** Five attempts over roughly 0.75–1.5 s: long enough to catch an Ollama that is just starting. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseMs: 100, maxMs: 1_000 };

/** Time an attempt needs after the backoff for a retry to be worth making. */
export const MIN_ATTEMPT_MS = 50;

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'out-of-attempts' | 'out-of-time' };

/** Fills missing fields from the default and keeps values sane (attempts ≥ 1, 0 ≤ base ≤ max). */
export function retryPolicyFrom(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const attempts = Math.max(1, Math.floor(partial.attempts ?? DEFAULT_RETRY_POLICY.attempts));
  const baseMs = Math.max(0, partial.baseMs ?? DEFAULT_RETRY_POLICY.baseMs);
  const maxMs = Math.max(baseMs, partial.maxMs ?? DEFAULT_RETRY_POLICY.maxMs);
  return { attempts, baseMs, maxMs };
}

/**
 * Delay before retry number `retry` (1 = the first retry). The ceiling is baseMs·2^(retry−1), capped at
 * maxMs; the delay is drawn from [ceiling/2, ceiling] by `random` in [0, 1) ("equal jitter"), so
 * clients that failed together do not come back together, yet the wait never collapses to zero.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  const unit = Math.min(1, Math.max(0, random));
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}

export function isRetryableFailure(failure: OllamaFailure): boolean {
  return failure.kind === 'unreachable' || failure.kind === 'busy';
}

export interface RetryInput {
  failure: OllamaFailure;
  /** Attempts already made, the failed one included. */
  attemptsMade: number;
  /** Time left before the first-token deadline. */
  remainingMs: number;
  policy: RetryPolicy;
  /** A number in [0, 1) for the jitter. */
  random: number;
}

export function decideRetry(input: RetryInput): RetryDecision {
  if (!isRetryableFailure(input.failure)) return { retry: false, reason: 'not-retryable' };
  if (input.attemptsMade >= input.policy.attempts) return { retry: false, reason: 'out-of-attempts' };
  const delayMs = backoffDelayMs(input.attemptsMade, input.policy, input.random);
  if (delayMs + MIN_ATTEMPT_MS > input.remainingMs) return { retry: false, reason: 'out-of-time' };
  return { retry: true, delayMs };
}
