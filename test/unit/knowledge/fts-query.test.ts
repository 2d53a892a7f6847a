import { describe, expect, it } from 'vitest';
import { ftsMatchExpression, queryTerms } from '../../../src/main/core/knowledge/fts-query';

describe('ftsMatchExpression', () => {
  it('keeps the content words of a question and drops the filler', () => {
    expect(queryTerms('How do I descale the espresso machine?')).toEqual(['descale', 'espresso', 'machine']);
    expect(queryTerms('Como eu limpo a máquina de café?')).toEqual(['limpo', 'máquina', 'café']);
  });

  it('quotes every word so punctuation and FTS operators are read as text', () => {
    expect(ftsMatchExpression('NEAR AND "quoted" OR col:value')).toBe('"near" OR "quoted" OR "col" OR "value"');
  });

  it('keeps a question made only of common words searchable', () => {
    expect(ftsMatchExpression('what is this')).toBe('"what" OR "is" OR "this"');
  });

  it('has no expression for a text with no words', () => {
    expect(ftsMatchExpression('?! …')).toBeNull();
  });
});
