import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexicalSimilarity } from '../../../src/main/core/store/lexical-similarity';

describe('lexical similarity', () => {
  it('scores rewordings of one question high', () => {
    expect(lexicalSimilarity("What's the capital of France?", 'what is the capital of france', 'en')).toBe(1);
    expect(lexicalSimilarity('Tell me the capital of France', 'What is the capital of France?', 'en')).toBeGreaterThanOrEqual(0.85);
    expect(lexicalSimilarity('Qual é a capital de Portugal?', 'Diz-me a capital de Portugal', 'pt')).toBeGreaterThanOrEqual(0.75);
  });

  it('scores questions about different things low, though most words are shared', () => {
    expect(lexicalSimilarity('What is the capital of France?', 'What is the capital of Spain?', 'en')).toBeLessThan(0.7);
    expect(lexicalSimilarity('How tall is the Eiffel Tower', 'How old is the Eiffel Tower', 'en')).toBeLessThan(0.85);
  });

  it('treats plurals and possessives as the same word', () => {
    expect(lexicalSimilarity("my dog's name", 'my dogs name', 'en')).toBe(1);
  });

  it('is symmetric and stays within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = lexicalSimilarity(a, b, 'en');
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(Math.abs(ab - lexicalSimilarity(b, a, 'en'))).toBeLessThan(1e-9);
      }),
    );
  });
});
