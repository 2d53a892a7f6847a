import { afterEach, describe, expect, it } from 'vitest';
import { createContractHandler, type ContractHandler } from '../../../src/main/core/runtime/contract-handler';
import type { EventName, EventPayloads, Reply } from '../../../src/shared/contract';
import type { TurnEvent } from '../../../src/shared/turn';
import { createFakeRuntime, type FakeRuntime, type FakeRuntimeOptions } from '../../support/fake-runtime';
import { burstAudio } from '../../support/scripted-engines';
import { wakeMarker } from '../../support/marker-wake-listener';

type Received = { event: EventName; payload: unknown };

let runtime: FakeRuntime;
let handler: ContractHandler;
let received: Received[];

function setup(options: FakeRuntimeOptions = {}) {
  runtime = createFakeRuntime({ llm: { reply: 'The sky is blue. Anything else?', perTokenMs: 2 }, tts: { realTimeFactor: 0.01 }, ...options });
  handler = createContractHandler(runtime, { version: '1.2.3' });
  received = [];
  handler.subscribe((event, payload) => received.push({ event, payload }));
}

function turnEvents(): TurnEvent[] {
  return received.filter((r) => r.event === 'turn').map((r) => r.payload as TurnEvent);
}

async function waitFor<T>(check: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const done = () => waitFor(() => turnEvents().find((e) => e.type === 'done'));

function expectInvalid(reply: Reply<unknown>): string {
  expect(reply.ok).toBe(false);
  if (reply.ok) throw new Error('unreachable');
  expect(reply.error.code).toBe('invalid_input');
  expect(reply.error.message).not.toMatch(/\n\s+at /);
  return reply.error.message;
}

afterEach(async () => {
  handler.dispose();
  await runtime.close();
});

describe('contract handler: turns', () => {
  it('answers a typed question at once and streams the reply as turn events', async () => {
    setup();
    const reply = await handler.handle('turn.ask', { text: '  What colour is the sky?  ' });
    expect(reply).toEqual({ ok: true, value: { turnId: expect.any(String) } });
    const end = await done();
    const tokens = turnEvents().filter((e) => e.type === 'token').map((e) => (e as { text: string }).text);
    expect(tokens.join('')).toBe('The sky is blue. Anything else?');
    expect(end.type === 'done' && end.result.transcript).toBe('What colour is the sky?');
    expect(turnEvents().some((e) => e.type === 'audio' && e.samples instanceof Float32Array)).toBe(true);
  });

  it('runs a spoken turn: begin, audio, end replies at once and the result follows as events', async () => {
    setup();
    const begin = await handler.handle('turn.begin', {});
    if (!begin.ok) throw new Error(begin.error.message);
    const { turnId } = begin.value as { turnId: string };
    const audio = burstAudio([{ speech: 0.6 }, { silence: 0.2 }]);
    for (let i = 0; i < audio.length; i += 1600) {
      expect(await handler.handle('turn.audio', { turnId, samples: audio.slice(i, i + 1600) })).toEqual({ ok: true, value: null });
    }
    expect(await handler.handle('turn.end', { turnId })).toEqual({ ok: true, value: null });
    expect(turnEvents().some((e) => e.type === 'done')).toBe(false);
    const end = await done();
    expect(end.type === 'done' && end.result.transcript).toBe('What colour is the sky?');
    expect(turnEvents().find((e) => e.type === 'transcript')).toMatchObject({ final: true, turnId });
  });

  it('tells the user to press again when ending a turn that is not listening', async () => {
    setup();
    expect(expectInvalid(await handler.handle('turn.end', { turnId: 'gone' }))).toMatch(/press the key/);
  });

  it('cancels the turn in flight (barge-in) and reports the cut-short result', async () => {
    setup({ llm: { reply: 'one two three four five six seven eight nine ten', perTokenMs: 30 } });
    const ask = await handler.handle('turn.ask', { text: 'count' });
    await waitFor(() => turnEvents().find((e) => e.type === 'token'));
    expect(await handler.handle('turn.cancel', { turnId: (ask as { value: { turnId: string } }).value.turnId })).toEqual({ ok: true, value: null });
    const end = await done();
    expect(end.type === 'done' && end.result.complete).toBe(false);
  });

  it('records playback reported by the renderer', async () => {
    setup();
    const ask = (await handler.handle('turn.ask', { text: 'hello' })) as { value: { turnId: string } };
    await waitFor(() => turnEvents().find((e) => e.type === 'audio'));
    expect(await handler.handle('turn.played', { turnId: ask.value.turnId })).toEqual({ ok: true, value: null });
    const end = await done();
    expect(end.type).toBe('done');
  });
});

describe('contract handler: settings and stores', () => {
  it('updates settings, tells subscribers, and rejects a bad value naming the field', async () => {
    setup();
    const updated = await handler.handle('settings.update', { patch: { stt: { beamSize: 2 } } });
    expect(updated.ok && (updated.value as { stt: { beamSize: number } }).stt.beamSize).toBe(2);
    expect(received.find((r) => r.event === 'settings.changed')).toBeDefined();
    const bad = await handler.handle('settings.update', { patch: { stt: { beamSize: 9 } } });
    expect(expectInvalid(bad)).toMatch(/stt\.beamSize/);
    expect(runtime.settings.get().stt.beamSize).toBe(2);
  });

  it('applies a preset', async () => {
    setup();
    const reply = await handler.handle('settings.applyPreset', { preset: 'fast' });
    expect(reply.ok && reply.value).toMatchObject({ preset: 'fast', stt: { model: 'whisper-tiny', beamSize: 1 } });
    expectInvalid(await handler.handle('settings.applyPreset', { preset: 'turbo' }));
  });

  it('lists history, memories, metrics and caches, and clears a cache', async () => {
    setup();
    await handler.handle('turn.ask', { text: 'hello' });
    await done();
    await runtime.assistant.idle();
    const history = await handler.handle('history.list', { limit: 10 });
    expect(history.ok && history.value).toEqual([expect.objectContaining({ transcript: 'hello', complete: true })]);
    expect(await handler.handle('memory.list', {})).toMatchObject({ ok: true, value: [{ id: 1 }, { id: 2 }] });
    expect(await handler.handle('memory.update', { id: 2, text: 'The user likes coffee.' })).toMatchObject({ ok: true, value: { text: 'The user likes coffee.' } });
    expect(expectInvalid(await handler.handle('memory.update', { id: 99, text: 'x' }))).toMatch(/no memory 99/);
    expect(await handler.handle('memory.delete', { id: 1 })).toEqual({ ok: true, value: null });
    expect(runtime.memoryItems.map((m) => m.id)).toEqual([2]);
    expect(await handler.handle('metrics.recent', { limit: 5 })).toMatchObject({ ok: true, value: [{ complete: true }] });
    expect(await handler.handle('metrics.summary', {})).toMatchObject({ ok: true, value: [{ stage: 'voiceToVoice' }] });
    const cleared = await handler.handle('cache.clear', { kind: 'tts' });
    expect(cleared.ok && (cleared.value as Array<{ kind: string; entries: number }>).find((s) => s.kind === 'tts')?.entries).toBe(0);
    expect(runtime.clearedCaches).toEqual(['tts']);
  });

  it('answers app.info with the start-up notice', async () => {
    setup({ notice: 'Some settings were invalid and were reset.' });
    const info = await handler.handle('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { version: '1.2.3', host: 'browser', holdToTalk: false, startupNotices: [{ code: 'settings_invalid', message: 'Some settings were invalid and were reset.' }] } });
  });
});

describe('contract handler: models', () => {
  it('streams download progress and answers when the model is installed', async () => {
    setup();
    const reply = await handler.handle('models.fetch', { id: 'whisper-base' });
    expect(reply).toEqual({ ok: true, value: null });
    const phases = received.filter((r) => r.event === 'model.progress').map((r) => (r.payload as EventPayloads['model.progress']).phase);
    expect(phases[0]).toBe('connecting');
    expect(phases.at(-1)).toBe('done');
    expect(await handler.handle('setup.status', {})).toMatchObject({ ok: true, value: { stt: { installed: true } } });
  });

  it('cancels a download by id, and refuses a second download of the same model', async () => {
    setup({ progressStepMs: 30 });
    const first = handler.handle('models.fetch', { id: 'whisper-base' });
    const second = await handler.handle('models.fetch', { id: 'whisper-base' });
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await handler.handle('models.cancel', { id: 'whisper-base' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await handler.handle('models.cancel', { id: 'whisper-base' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(runtime.modelStates[0]?.installed).toBe(false);
  });

  it('pulls an Ollama model, and says how to start Ollama when it is down', async () => {
    setup();
    expect(await handler.handle('ollama.pull', { model: 'llama3.2:3b' })).toEqual({ ok: true, value: null });
    expect(runtime.pulled).toEqual(['llama3.2:3b']);
    handler.dispose();
    await runtime.close();
    setup({ ollamaReachable: false });
    const down = await handler.handle('ollama.pull', { model: 'llama3.2:3b' });
    expect(down).toMatchObject({ ok: false, error: { code: 'llm_unreachable', message: expect.stringMatching(/ollama serve/) } });
  });
});

describe('contract handler: events', () => {
  it('forwards notices, keeps going when one subscriber throws, and stops after unsubscribe', async () => {
    setup();
    const off = handler.subscribe(() => {
      throw new Error('broken window');
    });
    const mine: string[] = [];
    const offMine = handler.subscribe((event) => mine.push(event));
    runtime.emitNotice('warning', 'Cache warm-up failed.');
    expect(received).toContainEqual({ event: 'notice', payload: { level: 'warning', message: 'Cache warm-up failed.' } });
    offMine();
    off();
    handler.emit('hotkey', { action: 'pressed', source: 'hotkey' });
    expect(mine).toEqual(['notice']);
    expect(received.at(-1)).toEqual({ event: 'hotkey', payload: { action: 'pressed', source: 'hotkey' } });
  });
});

describe('contract handler: hostile input', () => {
  const hostile: Array<[string, unknown]> = [
    ['turn.ask', { text: 42 }],
    ['turn.ask', { text: '   ' }],
    ['turn.ask', { text: 'x'.repeat(1_000_000) }],
    ['turn.ask', { text: 'hi', extra: true }],
    ['turn.ask', 'hi'],
    ['turn.ask', null],
    ['turn.ask', [1, 2]],
    ['turn.audio', { turnId: 't', samples: [0.1, 0.2] }],
    ['turn.audio', { turnId: 't', samples: new Float64Array(4) }],
    ['turn.audio', { turnId: 't', samples: new Float32Array(100_000) }],
    ['turn.audio', { turnId: 'x'.repeat(65), samples: new Float32Array(4) }],
    ['turn.end', { turnId: { toString: () => 'x' } }],
    ['history.list', { limit: -1 }],
    ['history.list', { limit: 1e9 }],
    ['history.list', { limit: '10' }],
    ['history.list', { limit: Number.NaN }],
    ['memory.delete', { id: 1.5 }],
    ['memory.update', { id: 1, text: 'x'.repeat(501) }],
    ['cache.clear', { kind: 'everything' }],
    ['models.fetch', { id: '../../etc/passwd' }],
    ['models.fetch', { id: 'a b' }],
    ['ollama.pull', { model: '--insecure' }],
    ['settings.update', { patch: 'beamSize=2' }],
    ['settings.update', { patch: [] }],
    ['settings.update', JSON.parse('{"patch":{"__proto__":{"polluted":true}}}')],
    ['settings.update', JSON.parse('{"patch":{"stt":{"constructor":{"prototype":{"polluted":true}}}}}')],
    ['settings.update', { patch: { llm: { systemPrompt: 'x'.repeat(20_000) } } }],
    ['settings.update', { patch: { a: { b: { c: { d: { e: { f: 1 } } } } } } }],
    ['settings.get', { anything: 1 }],
  ];

  it.each(hostile)('%s with %j is refused as invalid_input', async (name, payload) => {
    setup();
    expectInvalid(await handler.handle(name, payload));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown and prototype request names without echoing huge input', async () => {
    setup();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(100_000)]) {
      const message = expectInvalid(await handler.handle(name, {}));
      expect(message.length).toBeLessThan(300);
    }
    expectInvalid(await handler.handle(42 as unknown as string, {}));
  });

  it('turns an unexpected failure inside a request into an error reply without a stack', async () => {
    setup();
    runtime.cacheStats = () => {
      throw new TypeError('boom');
    };
    const reply = await handler.handle('cache.stats', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
    expect(JSON.stringify(reply)).not.toMatch(/at .*\.ts/);
  });

  it('accepts omitted params for requests without parameters', async () => {
    setup();
    expect(await handler.handle('settings.get', undefined)).toMatchObject({ ok: true });
  });
  it('hands-free: refuses microphone audio while the setting is off, then turns a wake word and a question into a turn and its states', async () => {
    setup();
    const off = expectInvalid(await handler.handle('listening.audio', { samples: new Float32Array(1600) }));
    expect(off).toContain('Hands-free listening is off');
    await handler.handle('settings.update', { patch: { listening: { handsFree: true } } });
    const audio = [wakeMarker(), burstAudio([{ speech: 1 }, { silence: 0.8 }])];
    for (const part of audio) {
      for (let at = 0; at < part.length; at += 1600) expect((await handler.handle('listening.audio', { samples: part.slice(at, at + 1600) })).ok).toBe(true);
    }
    expect((await done()).type).toBe('done');
    const states = () => received.filter((r) => r.event === 'listening.state').map((r) => (r.payload as EventPayloads['listening.state']).state);
    expect(states().slice(0, 3)).toEqual(['waiting', 'capturing', 'answering']);
    expect((await handler.handle('listening.pause', {})).ok).toBe(true);
    expect(states().at(-1)).toBe('paused');
  });

  it('hands-free: refuses an oversized or non-audio chunk', async () => {
    setup();
    expectInvalid(await handler.handle('listening.audio', { samples: new Float32Array(16_000 * 3) }));
    expectInvalid(await handler.handle('listening.audio', { samples: [0, 1, 2] }));
  });
});
