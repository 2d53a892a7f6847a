import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWarmupPhrases, parseWarmupPhrases, spokenErrorMessage, topPhrases } from '../../../src/main/core/speech/warmup-phrases';

const dir = join(__dirname, '../../../resources/phrases');

describe('warm-up phrase files', () => {
  it.each(['en', 'pt'] as const)('%s has greetings and spoken error messages, and the issue\'s must-haves', (language) => {
    const phrases = loadWarmupPhrases(dir, language);
    expect(Object.keys(phrases.spokenErrors).length).toBeGreaterThanOrEqual(5);
    expect(topPhrases(phrases, 20)).toHaveLength(20);
    const must = language === 'en' ? ['How can I help?', 'Hello!'] : ['Olá!', 'Como posso ajudar?'];
    for (const phrase of must) expect(topPhrases(phrases, 20)).toContain(phrase);
  });

  it('gives the generic spoken message for a code without its own', () => {
    const phrases = loadWarmupPhrases(dir, 'en');
    expect(spokenErrorMessage(phrases, 'vad_failed')).toBe(phrases.spokenErrors.internal);
    expect(spokenErrorMessage(phrases, 'llm_unreachable')).toMatch(/Ollama/);
  });

  it('rejects a file for the wrong language or with an unknown error code', () => {
    expect(() => parseWarmupPhrases({ language: 'pt', spokenErrors: {}, phrases: [] }, 'en')).toThrow(/en warm-up phrase file/);
    expect(() => parseWarmupPhrases({ language: 'en', spokenErrors: { nope: 'x' }, phrases: [] }, 'en')).toThrow();
  });
});
