import { describe, expect, it } from 'vitest';
import { historyCutBack, prefixKey, shouldPrefill } from '../../../src/main/core/prompt/prefill-plan';
import { PromptSession } from '../../../src/main/core/prompt/prompt-session';
import type { HistoryTurn } from '../../../src/main/core/store/types';
import { turn } from '../../support/store-fixtures';

const system = { role: 'system' as const, content: 'You are Earshot.' };

describe('prefixKey', () => {
  it('differs when anything Ollama caches by differs: model, context size or a message', () => {
    const key = prefixKey('llama3.2:3b', 2048, [system]);
    expect(prefixKey('llama3.2:3b', 2048, [{ ...system }])).toBe(key);
    expect(prefixKey('qwen2.5:3b', 2048, [system])).not.toBe(key);
    expect(prefixKey('llama3.2:3b', 4096, [system])).not.toBe(key);
    expect(prefixKey('llama3.2:3b', 2048, [system, { role: 'user', content: 'hi' }])).not.toBe(key);
  });
});

describe('shouldPrefill', () => {
  it('prefills a prefix Ollama is not known to hold', () => {
    expect(shouldPrefill({ key: 'b', held: 'a', inFlight: null })).toBe(true);
    expect(shouldPrefill({ key: 'b', held: null, inFlight: null })).toBe(true);
  });

  it('does not send the same prefix again while Ollama holds it or is computing it', () => {
    expect(shouldPrefill({ key: 'a', held: 'a', inFlight: null })).toBe(false);
    expect(shouldPrefill({ key: 'a', held: null, inFlight: 'a' })).toBe(false);
  });
});

describe('historyCutBack', () => {
  it('is a cut-back when the kept history starts at a later turn', () => {
    expect(historyCutBack('turn-0', 'turn-9')).toBe(true);
    expect(historyCutBack('turn-0', null)).toBe(true);
  });

  it('is not one when the history keeps its start, or starts being kept', () => {
    expect(historyCutBack('turn-0', 'turn-0')).toBe(false);
    expect(historyCutBack(null, 'turn-0')).toBe(false);
    expect(historyCutBack(null, null)).toBe(false);
  });
});

describe('PromptSession.prefix', () => {
  const sized = (n: number, tokens: number): HistoryTurn => turn(n, { transcript: 'q'.repeat(Math.round(tokens * 1.75)), reply: 'a'.repeat(Math.round(tokens * 1.75)) });
  const input = (history: HistoryTurn[]) => ({ systemPrompt: 'You are Earshot.', history, contextTokens: 2048, reserveTokens: 300 });

  it('is exactly how the next prompt starts: system prompt and the kept history, nothing of this turn', () => {
    const session = new PromptSession();
    const history = [turn(1), turn(2)];
    const prefix = session.prefix(input(history));
    const prompt = session.build({ ...input(history), memories: ['The user is called Ana.'], userMessage: 'And tomorrow?' });
    expect(prefix.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
    expect(prompt.slice(0, prefix.messages.length)).toEqual(prefix.messages);
    expect(prompt).toHaveLength(prefix.messages.length + 1);
  });

  it('makes a due cut-back at the prefill, so the turn that follows keeps the prefilled start', () => {
    const session = new PromptSession();
    let history = Array.from({ length: 14 }, (_, i) => sized(i, 100));
    session.build({ ...input(history), memories: [], userMessage: 'q' });
    history = [...history, sized(14, 100), sized(15, 100)];
    const prefix = session.prefix(input(history));
    expect(historyCutBack(prefix.firstTurnBefore, prefix.firstTurn)).toBe(true);
    const prompt = session.build({ ...input(history), memories: ['x'.repeat(300)], userMessage: 'q'.repeat(300) });
    expect(prompt.slice(0, prefix.messages.length)).toEqual(prefix.messages);
  });
});
