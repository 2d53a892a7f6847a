import { describe, expect, it } from 'vitest';
import { admit, type BreakerState, DEFAULT_BREAKER_POLICY as P, INITIAL_BREAKER, recordFailure, recordSuccess } from '../../../../src/main/core/engines/llm/circuit-breaker';
import { GuardedLanguageModel } from '../../../../src/main/core/engines/llm/guarded-language-model';
import type { ChatRequest, LanguageModel } from '../../../../src/main/core/engines/types';
import { EarshotError } from '../../../../src/shared/errors';

function failTimes(state: BreakerState, n: number, now = 0): BreakerState {
  let s = state;
  for (let i = 0; i < n; i++) s = recordFailure(s, now);
  return s;
}

describe('circuit breaker (pure)', () => {
  it('stays closed through a few failures of a healthy service, then opens', () => {
    expect(failTimes(INITIAL_BREAKER, P.healthyThreshold - 1).mode).toBe('closed');
    expect(failTimes(INITIAL_BREAKER, P.healthyThreshold).mode).toBe('open');
  });

  it('opens sooner once the service has been failing', () => {
    let s = failTimes(INITIAL_BREAKER, P.healthyThreshold); // opened once: health is now low
    s = recordSuccess({ ...s, mode: 'half-open' }); // one success closes it, but health stays low
    expect(s.mode).toBe('closed');
    expect(failTimes(s, P.failingThreshold).mode).toBe('open');
  });

  it('fails fast while open, lets one probe through after the back-off, and doubles the back-off when it fails', () => {
    const open = failTimes(INITIAL_BREAKER, P.healthyThreshold, 1000);
    expect(admit(open, 1000 + P.baseOpenMs - 1).allowed).toBe(false);
    const probe = admit(open, 1000 + P.baseOpenMs);
    expect(probe).toMatchObject({ allowed: true, next: { mode: 'half-open' } });
    const reopened = recordFailure(probe.next, 5000);
    expect(reopened).toMatchObject({ mode: 'open', openedAt: 5000, openMs: 2 * P.baseOpenMs });
    let s = reopened;
    for (let i = 0; i < 10; i++) s = recordFailure({ ...s, mode: 'half-open' }, 0);
    expect(s.openMs).toBe(P.maxOpenMs);
  });
});

describe('GuardedLanguageModel', () => {
  const request = { model: 'm', messages: [], contextTokens: 2048, maxTokens: 10, temperature: 0, keepAlive: '5m', firstTokenTimeoutMs: 1000 } satisfies ChatRequest;

  function flaky(): LanguageModel & { calls: number; up: boolean } {
    return {
      calls: 0,
      up: false,
      async *chat() {
        this.calls += 1;
        if (!this.up) throw new EarshotError('llm_unreachable', 'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`');
        yield { type: 'token', text: 'hi' };
        yield { type: 'done', stats: { promptEvalCount: 1, evalCount: 1, promptEvalMs: 1, evalMs: 1, loadMs: 0, doneReason: 'stop' } };
      },
      async warm() {},
    };
  }
  const drain = async (model: LanguageModel) => {
    for await (const _ of model.chat(request)) void _;
  };

  it('after repeated failures, turns fail at once with the same message without calling Ollama, and recover once it is back', async () => {
    let now = 0;
    const inner = flaky();
    const guarded = new GuardedLanguageModel(inner, () => now);
    for (let i = 0; i < P.healthyThreshold; i++) await expect(drain(guarded)).rejects.toMatchObject({ code: 'llm_unreachable' });
    const calls = inner.calls;
    await expect(drain(guarded)).rejects.toThrow(/^Ollama failed several times just now, so Earshot waits \d+ s before asking again\. Last error: .*start it with `ollama serve`$/);
    expect(inner.calls).toBe(calls); // failed fast
    inner.up = true;
    now += P.baseOpenMs;
    await drain(guarded); // the probe succeeds
    expect(guarded.breaker.mode).toBe('closed');
  });

  it('while one request checks whether Ollama is back, the others are told so, not to wait "1 s"', async () => {
    let now = 0;
    const inner = flaky();
    const guarded = new GuardedLanguageModel(inner, () => now);
    for (let i = 0; i < P.healthyThreshold; i++) await expect(drain(guarded)).rejects.toMatchObject({ code: 'llm_unreachable' });
    now += P.baseOpenMs;
    inner.up = true;
    const probe = guarded.chat(request)[Symbol.asyncIterator]();
    await probe.next(); // the probe is under way
    now += 60_000;
    await expect(drain(guarded)).rejects.toThrow(/^Ollama failed several times just now, so Earshot is checking whether it answers again — try again in a moment\. Last error: /);
    await probe.return?.(undefined);
  });

  it('a missing model does not count against the service', async () => {
    const missing = new EarshotError('llm_model_missing', 'The model "m" is not installed in Ollama — run `ollama pull m`');
    const guarded = new GuardedLanguageModel({
      chat: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(missing) }) }),
      async warm() {},
    });
    for (let i = 0; i < 10; i++) await expect(drain(guarded)).rejects.toMatchObject({ code: 'llm_model_missing' });
    expect(guarded.breaker.mode).toBe('closed');
  });
});
