import { describe, expect, it } from 'vitest';
import { bestSemanticMatch, type MatchCandidate } from '../../../src/main/core/store/semantic-match';
import { normalizeQuestion } from '../../../src/main/core/store/text-normalization';

const candidate = (key: string, question: string, embedding: number[] | null): MatchCandidate => ({
  key,
  question,
  normalized: normalizeQuestion(question, 'en'),
  embedding: embedding ? Float32Array.from(embedding) : null,
  embedderId: embedding ? 'm' : null,
});

const query = (question: string, embedding: number[] | null) => ({
  question,
  normalized: normalizeQuestion(question, 'en'),
  language: 'en' as const,
  embedding: embedding ? Float32Array.from(embedding) : null,
  embedderId: 'm',
});

describe('bestSemanticMatch', () => {
  // cos([1,0],[0.9,0.436]) ≈ 0.90; cos([1,0],[0.8,0.6]) = 0.80
  const near = candidate('near', 'How high is Everest?', [0.9, 0.436]);
  const far = candidate('far', 'How deep is the ocean?', [0.8, 0.6]);

  it('takes a candidate at or above the threshold', () => {
    const match = bestSemanticMatch(query('What is the height of Mount Everest?', [1, 0]), [far, near], 0.85);
    expect(match?.key).toBe('near');
    expect(match?.similarity).toBeCloseTo(0.9, 2);
  });

  it('takes nothing below the threshold', () => {
    expect(bestSemanticMatch(query('What is the height of Mount Everest?', [1, 0]), [far, near], 0.95)).toBeNull();
    expect(bestSemanticMatch(query('What is the height of Mount Everest?', [1, 0]), [far], 0.85)).toBeNull();
  });

  it('skips an unsafe best match and takes the next safe one', () => {
    const off = candidate('off', 'Turn off the kitchen lights', [1, 0.01]);
    const on = candidate('on', 'Switch on the kitchen lights', [0.95, 0.2]);
    expect(bestSemanticMatch(query('Turn on the kitchen lights', [1, 0]), [off, on], 0.85)?.key).toBe('on');
  });

  it('falls back to words when there is no query embedding', () => {
    const match = bestSemanticMatch(query('tell me the capital of France', null), [candidate('fr', 'What is the capital of France?', [1, 0])], 0.85);
    expect(match?.key).toBe('fr');
    expect(bestSemanticMatch(query('tell me the capital of Spain', null), [candidate('fr', 'What is the capital of France?', null)], 0.85)).toBeNull();
  });
});
