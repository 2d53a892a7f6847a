// The edges of the cache rules that the scenario tests beside this file did not pin down: numbers
// written with separators and decimals, negations spelled "n't", a question in the other language,
// extra words on one side of a semantic match, and follow-ups in either language.
import { describe, expect, it } from 'vitest';
import { isSemanticMatchSafe, isTimeSensitive, mentionedNumbers, refersToConversation } from '../../../src/main/core/store/response-cache-rules';

describe('mentionedNumbers', () => {
  it('reads digits with thousands separators, decimals and ordinals, in order', () => {
    expect(mentionedNumbers('what is 1,000 divided by 42')).toEqual([1000, 42]);
    expect(mentionedNumbers('round 3.14 to the 21st place')).toEqual([3.14, 21]);
  });

  it('does not read a number out of a word with digits in it', () => {
    expect(mentionedNumbers('is the v2 better than 2x zoom')).toEqual([]);
  });
});

describe('isTimeSensitive', () => {
  it('knows a time question asked in the other language than the one set', () => {
    expect(isTimeSensitive('que horas são', 'en')).toBe(true);
    expect(isTimeSensitive('what time is it', 'pt')).toBe(true);
  });
});

describe('isSemanticMatchSafe', () => {
  it('treats "isn\'t" as "not"', () => {
    expect(isSemanticMatchSafe("isn't it cold in Oslo", 'is it not cold in Oslo', 'en')).toBe(true);
    expect(isSemanticMatchSafe("isn't it cold in Oslo", 'is it cold in Oslo', 'en')).toBe(false);
  });

  it('needs the same numbers, not only the same first ones', () => {
    expect(isSemanticMatchSafe('what is 5 plus 3', 'what is 5 plus 3 plus 2', 'en')).toBe(false);
    expect(isSemanticMatchSafe('what is 5 plus 3 plus 2', 'what is 5 plus 3', 'en')).toBe(false);
    expect(isSemanticMatchSafe('add 5 and 3', 'add 5 and 3 then 2', 'en')).toBe(false);
  });

  it('accepts an extra word on either side when the shared words keep their order', () => {
    expect(isSemanticMatchSafe('how tall is the eiffel tower', 'how tall is the eiffel tower in paris', 'en')).toBe(true);
    expect(isSemanticMatchSafe('how tall is the eiffel tower in paris', 'how tall is the eiffel tower', 'en')).toBe(true);
  });

  it('refuses when one side says a shared word twice', () => {
    expect(isSemanticMatchSafe('distance paris lyon', 'distance paris lyon paris', 'en')).toBe(false);
  });
});

describe('refersToConversation', () => {
  it('an empty question refers to nothing; one or two words lean on the conversation', () => {
    expect(refersToConversation('', 'en')).toBe(false);
    expect(refersToConversation('Why?', 'en')).toBe(true);
    expect(refersToConversation('Why not?', 'en')).toBe(true);
    expect(refersToConversation('Paris population?', 'en')).toBe(true);
  });

  it('a question of three words or more stands alone unless it continues or points back', () => {
    expect(refersToConversation('how tall is everest', 'en')).toBe(false);
    expect(refersToConversation('quão alto é o everest', 'pt')).toBe(false);
  });

  it('sees a continuation or a back-reference in the other language too', () => {
    expect(refersToConversation('e quanto a Lisboa hoje', 'en')).toBe(true);
    expect(refersToConversation('what about Lisbon then', 'pt')).toBe(true);
    expect(refersToConversation('quanto custa isso em euros', 'en')).toBe(true);
    expect(refersToConversation('how much does that cost', 'pt')).toBe(true);
  });
});
