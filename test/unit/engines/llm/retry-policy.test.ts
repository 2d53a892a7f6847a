import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OllamaFailure } from '../../../../src/main/core/engines/llm/ollama-errors';
import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isRetryableFailure,
  MIN_ATTEMPT_MS,
  retryPolicyFrom,
  type RetryPolicy,
} from '../../../../src/main/core/engines/llm/retry-policy';

const policy: RetryPolicy = { attempts: 6, baseMs: 100, maxMs: 1_000 };
const refused: OllamaFailure = { kind: 'unreachable', detail: 'ECONNREFUSED' };

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap (jitter at its top)', () => {
    const schedule = [1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(retry, policy, 1));
    expect(schedule).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('never drops below half the ceiling (jitter at its bottom), so a retry storm cannot become a busy loop', () => {
    const schedule = [1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, 0));
    expect(schedule).toEqual([50, 100, 200, 400, 500]);
  });

  it('keeps every jittered delay within [ceiling/2, ceiling] and never above maxMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 5_000 }),
        (retry, random, baseMs, extra) => {
          const p = { attempts: 10, baseMs, maxMs: baseMs + extra };
          const ceiling = Math.min(p.maxMs, baseMs * 2 ** (retry - 1));
          const delay = backoffDelayMs(retry, p, random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
          expect(delay).toBeLessThanOrEqual(p.maxMs);
        },
      ),
    );
  });

  it('spreads clients that failed together', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75, 0.99].map((r) => backoffDelayMs(3, policy, r)));
    expect(delays.size).toBe(5);
  });
});

describe('decideRetry', () => {
  it('retries an unreachable Ollama and a busy one (503), nothing else', () => {
    const others: OllamaFailure[] = [
      { kind: 'model-missing', text: 'model "x" not found' },
      { kind: 'http', status: 500, text: 'boom' },
      { kind: 'http', status: 404, text: '404 page not found' },
      { kind: 'server-error', text: 'runner died' },
      { kind: 'stream-broken', detail: 'cut' },
      { kind: 'timeout' },
    ];
    expect(isRetryableFailure(refused)).toBe(true);
    expect(isRetryableFailure({ kind: 'busy', text: 'server busy' })).toBe(true);
    for (const failure of others) {
      expect(decideRetry({ failure, attemptsMade: 1, remainingMs: 30_000, policy, random: 0.5 })).toEqual({
        retry: false,
        reason: 'not-retryable',
      });
    }
  });

  it('stops after the configured number of attempts', () => {
    const decisions = [1, 2, 3, 4, 5, 6].map((attemptsMade) => decideRetry({ failure: refused, attemptsMade, remainingMs: 60_000, policy, random: 1 }));
    expect(decisions.map((d) => d.retry)).toEqual([true, true, true, true, true, false]);
    expect(decisions[5]).toEqual({ retry: false, reason: 'out-of-attempts' });
    expect(decideRetry({ failure: refused, attemptsMade: 1, remainingMs: 60_000, policy: { ...policy, attempts: 1 }, random: 0 }).retry).toBe(false);
  });

  it('does not start a wait that would leave no time for the attempt before the deadline', () => {
    expect(decideRetry({ failure: refused, attemptsMade: 3, remainingMs: 400 + MIN_ATTEMPT_MS, policy, random: 1 })).toEqual({ retry: true, delayMs: 400 });
    expect(decideRetry({ failure: refused, attemptsMade: 3, remainingMs: 400 + MIN_ATTEMPT_MS - 1, policy, random: 1 })).toEqual({
      retry: false,
      reason: 'out-of-time',
    });
  });

  it('keeps the whole retry loop inside the first-token budget, whatever the jitter and budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 10, maxLength: 10 }),
        (budgetMs, attemptCostMs, randoms) => {
          // Simulate: each attempt fails (refused) after attemptCostMs; waits happen only when decided.
          let elapsed = 0;
          for (let attempt = 1; attempt <= 10; attempt++) {
            elapsed += attemptCostMs;
            const decision = decideRetry({ failure: refused, attemptsMade: attempt, remainingMs: budgetMs - elapsed, policy, random: randoms[attempt - 1]! });
            if (!decision.retry) break;
            elapsed += decision.delayMs;
            expect(elapsed + MIN_ATTEMPT_MS).toBeLessThanOrEqual(budgetMs);
          }
        },
      ),
    );
  });
});

describe('retryPolicyFrom', () => {
  it('fills missing fields from the default and repairs nonsense', () => {
    expect(retryPolicyFrom()).toEqual(DEFAULT_RETRY_POLICY);
    expect(retryPolicyFrom({ attempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, attempts: 2 });
    expect(retryPolicyFrom({ attempts: 0, baseMs: -5, maxMs: -1 })).toEqual({ attempts: 1, baseMs: 0, maxMs: 0 });
    expect(retryPolicyFrom({ baseMs: 500, maxMs: 100 })).toEqual({ attempts: DEFAULT_RETRY_POLICY.attempts, baseMs: 500, maxMs: 500 });
  });

  it('the default catches an Ollama that comes up within about 0.7 s', () => {
    const earliest = [1, 2, 3, 4].reduce((sum, retry) => sum + backoffDelayMs(retry, DEFAULT_RETRY_POLICY, 0), 0);
    const latest = [1, 2, 3, 4].reduce((sum, retry) => sum + backoffDelayMs(retry, DEFAULT_RETRY_POLICY, 1), 0);
    expect(earliest).toBe(750);
    expect(latest).toBe(1_500);
  });
});
