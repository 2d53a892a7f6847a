import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF, retryWithBackoff } from '../../../src/main/core/models/retry-backoff';

const policy = { attempts: 4, baseDelayMs: 100, factor: 2, maxDelayMs: 1_000 };

describe('backoff delay', () => {
  it('doubles per failure up to the cap', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, policy, mid))).toEqual([75, 150, 300, 600, 750, 750]);
  });

  it('keeps the jitter between half and the whole step', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
    expect(backoffDelayMs(3, policy, () => 7)).toBe(400);
  });

  it('has sane defaults: first retry within a second, never more than 15 s apart', () => {
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 1)).toBeLessThanOrEqual(1_000);
    expect(backoffDelayMs(20, DEFAULT_BACKOFF, () => 1)).toBe(15_000);
  });
});

describe('retry loop', () => {
  const transient = Object.assign(new Error('reset'), { transient: true });
  const deps = (slept: number[]) => ({
    policy,
    sleep: async (ms: number) => {
      slept.push(ms);
    },
    random: () => 1,
    isTransient: (e: unknown) => (e as { transient?: boolean }).transient === true,
  });

  it('retries transient failures with growing pauses and returns the eventual result', async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(async () => {
      calls += 1;
      if (calls < 3) throw transient;
      return 'ok';
    }, deps(slept));
    expect(result).toBe('ok');
    expect(slept).toEqual([100, 200]);
  });

  it('gives up after the attempts run out, with the last error', async () => {
    const slept: number[] = [];
    let calls = 0;
    await expect(
      retryWithBackoff(async () => {
        calls += 1;
        throw transient;
      }, deps(slept)),
    ).rejects.toBe(transient);
    expect(calls).toBe(4);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    const permanent = new Error('404');
    await expect(
      retryWithBackoff(async () => {
        calls += 1;
        throw permanent;
      }, deps([])),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
  });

  it('keeps going while each try gets further (a long download over a flaky line)', async () => {
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls += 1;
        if (calls < 10) throw transient;
        return calls;
      },
      { ...deps([]), madeProgress: () => true },
    );
    expect(result).toBe(10);
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls += 1;
          controller.abort();
          throw transient;
        },
        { ...deps([]), signal: controller.signal },
      ),
    ).rejects.toBe(transient);
    expect(calls).toBe(1);
  });
});
