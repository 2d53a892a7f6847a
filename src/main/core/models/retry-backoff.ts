// Retry with exponential backoff for transient download failures. The delay math is pure; sleeping
// and randomness are passed in so tests run instantly and deterministically.

export interface BackoffPolicy {
  /** Consecutive failures without progress before giving up (the first try counts). */
  attempts: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 5, baseDelayMs: 500, factor: 2, maxDelayMs: 15_000 };

/**
 * Delay before retry number `failures` (1 after the first failure), with "equal jitter":
 * half the exponential step is fixed, half is random, so clients do not retry in lockstep.
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * Math.min(1, Math.max(0, random())));
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise that rejects with an AbortError when the signal fires. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface RetryOptions {
  policy: BackoffPolicy;
  sleep: Sleep;
  random: () => number;
  signal?: AbortSignal;
  isTransient: (error: unknown) => boolean;
  /** Asked after a failure: did this try get further than the last? If so the failure count restarts. */
  madeProgress?: () => boolean;
  onRetry?: (info: { failures: number; delayMs: number; error: unknown }) => void;
}

export async function retryWithBackoff<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  let failures = 0;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!options.isTransient(error) || options.signal?.aborted) throw error;
      failures = options.madeProgress?.() ? 1 : failures + 1;
      if (failures >= options.policy.attempts) throw error;
      const delayMs = backoffDelayMs(failures, options.policy, options.random);
      options.onRetry?.({ failures, delayMs, error });
      await options.sleep(delayMs, options.signal);
    }
  }
}
