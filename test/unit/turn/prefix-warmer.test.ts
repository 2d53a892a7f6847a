import { describe, expect, it } from 'vitest';
import type { ChatStats, LanguageModel, PrefillRequest } from '../../../src/main/core/engines/types';
import { PromptSession } from '../../../src/main/core/prompt/prompt-session';
import { PrefixWarmer } from '../../../src/main/core/turn/prefix-warmer';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { MemoryHistory } from '../../support/assistant-harness';
import { turn } from '../../support/store-fixtures';

const STATS: ChatStats = { promptEvalCount: 40, evalCount: 1, promptEvalMs: 1, evalMs: 1, loadMs: 0, doneReason: 'length' };

/** An LLM whose prefills stay pending until the test settles them. */
function recordingLlm() {
  const prefills: Array<{ request: PrefillRequest; settle: (stats: ChatStats | null) => void }> = [];
  const llm: LanguageModel = {
    chat: () => (async function* () {})(),
    warm: async () => {},
    prefill: (request) => new Promise((resolve) => prefills.push({ request, settle: resolve })),
  };
  return { llm, prefills };
}

/** A schedule the test fires by hand: no timers, no waiting. */
function manualSchedule() {
  const pending = new Set<() => void>();
  return {
    schedule: (run: () => void) => {
      pending.add(run);
      return () => pending.delete(run);
    },
    fire: () => {
      const runs = [...pending];
      pending.clear();
      runs.forEach((run) => run());
    },
    get size() {
      return pending.size;
    },
  };
}

function setup(options: { busy?: () => boolean; history?: number; settings?: typeof DEFAULT_SETTINGS; now?: () => number } = {}) {
  const { llm, prefills } = recordingLlm();
  const history = new MemoryHistory();
  for (let n = 0; n < (options.history ?? 2); n++) history.append(turn(n));
  const timers = manualSchedule();
  const closing = new AbortController();
  const warmer = new PrefixWarmer({
    llm: () => llm,
    history,
    buildPrompt: new PromptSession(),
    settings: () => options.settings ?? DEFAULT_SETTINGS,
    contextTokens: 2048,
    historyTurns: 12,
    closing: closing.signal,
    isBusy: options.busy ?? (() => false),
    schedule: timers.schedule,
    now: options.now,
  });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { warmer, prefills, history, timers, closing, flush };
}

describe('PrefixWarmer at key-down', () => {
  it('prefills the system prompt and the saved history, with the chats’ model and context size', () => {
    const { warmer, prefills } = setup();
    warmer.warmNow();
    expect(prefills).toHaveLength(1);
    const { request } = prefills[0]!;
    expect(request).toMatchObject({ model: DEFAULT_SETTINGS.llm.model, contextTokens: 2048, keepAlive: DEFAULT_SETTINGS.llm.keepAlive });
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
    expect(request.messages[0]!.content).toBe(DEFAULT_SETTINGS.llm.systemPrompt);
  });

  it('does not send the same prefix twice while Ollama still holds it', async () => {
    const { warmer, prefills, flush } = setup();
    warmer.warmNow();
    warmer.warmNow(); // in flight
    expect(prefills).toHaveLength(1);
    prefills[0]!.settle(STATS);
    await flush();
    warmer.warmNow(); // held, nothing ran on the model since
    expect(prefills).toHaveLength(1);
  });

  it('prefills again once Ollama has unloaded the model: its keep-alive ran out since the last prefill', async () => {
    let now = 0;
    const { warmer, prefills, flush } = setup({ now: () => now });
    warmer.warmNow();
    prefills[0]!.settle(STATS);
    await flush();
    now = 29 * 60_000; // within the default keep-alive (30m): Ollama still holds it
    warmer.warmNow();
    expect(prefills).toHaveLength(1);
    now = 31 * 60_000;
    warmer.warmNow();
    expect(prefills).toHaveLength(2);
  });

  it('prefills again after a chat, whose prompt is what Ollama holds then', async () => {
    const { warmer, prefills, history, flush } = setup();
    warmer.warmNow();
    prefills[0]!.settle(STATS);
    await flush();
    warmer.chatSent();
    history.append(turn(2));
    warmer.warmNow();
    expect(prefills).toHaveLength(2);
    expect(prefills[1]!.request.messages).toHaveLength(7);
  });

  it('gives way to a newer prefix: the older prefill is aborted', () => {
    const { warmer, prefills, history } = setup();
    warmer.warmNow();
    history.append(turn(2));
    warmer.warmNow();
    expect(prefills).toHaveLength(2);
    expect(prefills[0]!.request.signal?.aborted).toBe(true);
    expect(prefills[1]!.request.signal?.aborted).toBe(false);
  });
});

describe('PrefixWarmer after background work on the chat model', () => {
  it('prefills the prefix again in the next quiet moment', async () => {
    const { warmer, prefills, timers, flush } = setup();
    warmer.warmNow();
    prefills[0]!.settle(STATS);
    await flush();
    warmer.evicted(); // a fact extraction ran on the model
    expect(prefills).toHaveLength(1);
    timers.fire();
    expect(prefills).toHaveLength(2);
    expect(prefills[1]!.request.messages).toEqual(prefills[0]!.request.messages);
  });

  it('leaves the re-warm to the turn when one is under way or starts first', () => {
    let busy = true;
    const { warmer, prefills, timers } = setup({ busy: () => busy });
    warmer.evicted();
    timers.fire();
    expect(prefills).toHaveLength(0);
    busy = false;
    warmer.evicted();
    warmer.turnStarting();
    expect(timers.size).toBe(0);
  });

  it('does not take a prefill that raced an extraction for what Ollama holds', async () => {
    const { warmer, prefills, flush } = setup();
    warmer.warmNow();
    warmer.evicted();
    prefills[0]!.settle(STATS);
    await flush();
    warmer.warmNow();
    expect(prefills).toHaveLength(2);
  });

  it('stops when the Assistant closes', () => {
    const { warmer, prefills, timers, closing } = setup();
    warmer.evicted();
    closing.abort();
    timers.fire();
    warmer.warmNow();
    expect(prefills).toHaveLength(0);
  });
});

describe('PrefixWarmer after a history cut-back', () => {
  it('prefills the shorter history’s prefix in a quiet moment after the turn that overflowed', () => {
    const long = (n: number) => turn(n, { transcript: `question ${n} ${'q'.repeat(165)}`, reply: 'a'.repeat(175) });
    // No history cap: the cut-back here is num_ctx's.
    const settings = { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, historyTokens: 1800 } };
    const { warmer, prefills, history, timers } = setup({ history: 0, settings });
    for (let n = 0; n < 8; n++) history.append(long(n));
    warmer.warmNow(); // keeps all 8
    expect(prefills[0]!.request.messages).toHaveLength(17);
    warmer.chatSent();
    for (let n = 8; n < 18; n++) history.append(long(n));
    warmer.turnFinished();
    expect(timers.size).toBe(1);
    timers.fire();
    expect(prefills).toHaveLength(2);
    // The kept history now starts at a later turn: the old prefix is of no use to Ollama.
    expect(prefills[1]!.request.messages[1]).not.toEqual(prefills[0]!.request.messages[1]);
  });

  it('keeps no more history than the settings’ cap, as the turn’s prompt will', () => {
    const long = (n: number) => turn(n, { transcript: `question ${n} ${'q'.repeat(165)}`, reply: 'a'.repeat(175) });
    const { warmer, prefills, history } = setup({ history: 0 });
    for (let n = 0; n < 8; n++) history.append(long(n)); // ≈ 800 tokens, over the default 512
    warmer.warmNow();
    const kept = (prefills[0]!.request.messages.length - 1) / 2;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(8);
  });

  it('does nothing after a turn that kept the history’s start', () => {
    const { warmer, prefills, history, timers } = setup();
    warmer.warmNow();
    history.append(turn(2));
    warmer.turnFinished();
    expect(timers.size).toBe(0);
    expect(prefills).toHaveLength(1);
  });
});
