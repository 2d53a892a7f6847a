// Every contract entry, fuzzed with random and hostile payloads, answers a Reply — no
// crash, no throw, no stack — and bad payloads get a clear invalid_input.
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createContractHandler } from '../../src/main/core/runtime/contract-handler';
import { REQUEST_NAMES } from '../../src/shared/contract';
import { createFakeRuntime } from '../support/fake-runtime';

const runtime = createFakeRuntime();
const handler = createContractHandler(runtime);
let fuzzed = 0;

afterAll(async () => {
  handler.dispose();
  await runtime.assistant.dispose();
  console.info(`contract fuzzing: ${fuzzed} payloads over ${REQUEST_NAMES.length} requests`);
});

/** Values a hostile page might send: wrong types, huge strings, prototype keys, odd numbers, typed arrays. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, '', '\u0000', 'x'.repeat(100_000)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
  fc.record({ turnId: fc.string(), samples: fc.oneof(fc.constant(new Float32Array(10)), fc.constant(new Float64Array(10)), fc.array(fc.double())) }),
  fc.record({ text: fc.string({ maxLength: 5000 }) }),
  fc.record({ patch: fc.anything({ maxDepth: 3 }) }),
  fc.record({ id: fc.oneof(fc.integer(), fc.string(), fc.double()), text: fc.string() }),
);

function expectReply(reply: unknown): void {
  expect(reply).toBeTypeOf('object');
  const r = reply as { ok: boolean; error?: { code: string; message: string } };
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.error?.code).toMatch(/^[a-z_]+$/);
    expect(r.error?.message.length).toBeGreaterThan(0);
    expect(r.error?.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  }
}

describe('contract fuzzing', () => {
  it.each([...REQUEST_NAMES])('%s: random and hostile payloads always get a Reply', async (name) => {
    await fc.assert(
      fc.asyncProperty(hostile, async (payload) => {
        fuzzed += 1;
        const reply = await handler.handle(name, payload);
        expectReply(reply);
        // Handler answers must not leave turns running between cases.
        runtime.assistant.cancel();
      }),
      { numRuns: 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('unknown request names, including prototype names, are invalid_input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), fc.anything(), async (name, payload) => {
        fc.pre(!(REQUEST_NAMES as readonly string[]).includes(name));
        fuzzed += 1;
        const reply = await handler.handle(name, payload);
        expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }),
      { numRuns: 200 },
    );
  });

  it('params with extra keys or wrong types are invalid_input, not silently accepted', async () => {
    expect(await handler.handle('turn.ask', { text: 'hi', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handler.handle('turn.ask', { text: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handler.handle('turn.audio', { turnId: 'x', samples: [0.1, 0.2] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('a burst of questions', () => {
  it('1000 turn.ask at once: one is answered, the rest are refused as busy, and history keeps no incomplete turn', async () => {
    const burstRuntime = createFakeRuntime();
    const burstHandler = createContractHandler(burstRuntime);
    try {
      const replies = await Promise.all(Array.from({ length: 1000 }, (_, i) => burstHandler.handle('turn.ask', { text: `question ${i}` })));
      const answered = replies.filter((r) => r.ok);
      const refused = replies.filter((r) => !r.ok);
      expect(answered).toHaveLength(1);
      expect(refused.every((r) => !r.ok && r.error.code === 'busy' && /still answering/.test(r.error.message))).toBe(true);
      await vi.waitFor(() => expect(burstRuntime.harness.of('done')).toHaveLength(1));
      await burstRuntime.assistant.idle();
      const history = burstRuntime.history(2000);
      expect(history).toHaveLength(1);
      expect(history.filter((h) => !h.complete)).toEqual([]);
      // Once the answer is done, the next question is taken.
      expect(await burstHandler.handle('turn.ask', { text: 'and now?' })).toMatchObject({ ok: true });
    } finally {
      burstHandler.dispose();
      await burstRuntime.assistant.dispose();
    }
  });
});
