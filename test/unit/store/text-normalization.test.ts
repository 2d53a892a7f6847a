import { describe, expect, it } from 'vitest';
import { normalizeQuestion, normalizeSentence } from '../../../src/main/core/store/text-normalization';

describe('normalizeQuestion', () => {
  it('makes case, punctuation and spacing irrelevant', () => {
    const forms = ['What is the capital of France?', 'what is the capital of france', '  WHAT is the capital   of France!!! ', 'What is the capital of France…'];
    expect(new Set(forms.map((q) => normalizeQuestion(q, 'en'))).size).toBe(1);
  });

  it('expands English contractions so "what\'s" and "what is" are one question', () => {
    expect(normalizeQuestion("What's the time zone of Lisbon?", 'en')).toBe(normalizeQuestion('what is the time zone of Lisbon', 'en'));
    expect(normalizeQuestion('Don’t stop', 'en')).toBe('do not stop');
  });

  it('keeps Portuguese accents: "é" (is) and "e" (and) stay different', () => {
    expect(normalizeQuestion('Qual É a capital?', 'pt')).toBe('qual é a capital');
    expect(normalizeQuestion('Qual é a capital', 'pt')).not.toBe(normalizeQuestion('Qual e a capital', 'pt'));
    expect(normalizeQuestion('O que é ação?', 'pt')).toBe('o que é ação');
  });

  it('keeps decimal points and thousands separators inside numbers', () => {
    expect(normalizeQuestion('Convert 1.5 miles, please.', 'en')).toBe('convert 1.5 miles please');
    expect(normalizeQuestion('Is 2,000 a lot?', 'en')).toBe('is 2.000 a lot');
  });

  it('reduces punctuation-only input to nothing', () => {
    expect(normalizeQuestion(' ?! … ', 'en')).toBe('');
  });
});

describe('normalizeSentence', () => {
  it('keeps case and punctuation, which change how a sentence sounds', () => {
    expect(normalizeSentence('Hello!')).not.toBe(normalizeSentence('hello?'));
  });

  it('unifies spacing and quote styles', () => {
    expect(normalizeSentence('  It’s   done. ')).toBe("It's done.");
  });
});
