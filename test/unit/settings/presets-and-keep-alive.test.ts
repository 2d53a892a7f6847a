// A preset changes only what it names, and a keep-alive goes to Ollama as a number only when it is a
// plain number of seconds: the edges mutation testing found unchecked in src/shared/settings.ts.
import { describe, expect, it } from 'vitest';
import { applyPreset, DEFAULT_SETTINGS, keepAliveMs, ollamaKeepAlive, PRESETS } from '../../../src/shared/settings';

describe('applyPreset', () => {
  it('sets what the preset names (token cap, temperature, first-token deadline) and keeps every other LLM setting the user chose', () => {
    const mine = { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, model: 'qwen2.5:3b', temperature: 0.2, keepAlive: '2h' } };
    expect(applyPreset(mine, 'fast').llm).toEqual({ ...mine.llm, ...PRESETS.fast.llm });
  });
});

describe('ollamaKeepAlive', () => {
  it('sends seconds with decimals as a number', () => {
    expect(ollamaKeepAlive('2.5')).toBe(2.5);
    expect(ollamaKeepAlive('1.25')).toBe(1.25);
  });

  it('sends anything that only ends in digits as it was written', () => {
    expect(ollamaKeepAlive('1h30')).toBe('1h30');
  });
});

describe('keepAliveMs: how long Ollama keeps the model, and its cached prefix', () => {
  it('reads seconds, Go durations and "for ever"', () => {
    expect(keepAliveMs('30m')).toBe(30 * 60_000);
    expect(keepAliveMs('1h30m')).toBe(90 * 60_000);
    expect(keepAliveMs('3600')).toBe(3_600_000);
    expect(keepAliveMs('0')).toBe(0);
    expect(keepAliveMs('-1')).toBe(Number.POSITIVE_INFINITY);
    expect(keepAliveMs('-1m')).toBe(Number.POSITIVE_INFINITY);
    expect(keepAliveMs('soon')).toBeNaN();
  });

  it('reads decimals and spaces around the value, and refuses anything but whole units', () => {
    expect(keepAliveMs(' 30m ')).toBe(30 * 60_000);
    expect(keepAliveMs('1.25m')).toBe(75_000);
    expect(keepAliveMs('.25h')).toBe(15 * 60_000);
    expect(keepAliveMs('1.m')).toBe(60_000);
    expect(keepAliveMs('')).toBeNaN();
    expect(keepAliveMs('30m soon')).toBeNaN();
    expect(keepAliveMs('1m-2s')).toBeNaN();
    expect(keepAliveMs('--1m')).toBeNaN();
  });
});
