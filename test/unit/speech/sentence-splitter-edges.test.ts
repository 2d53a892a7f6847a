// Edges of the sentence splitter the scenario tests beside this file did not pin down: where a
// run-on reply is cut when it never ends a sentence, a reply that starts with a space, and single
// capitals that are initials in English but words in Portuguese.
import { describe, expect, it } from 'vitest';
import { endsWithAbbreviation, SentenceSplitter } from '../../../src/main/core/speech/sentence-splitter';

function split(text: string, options: Partial<ConstructorParameters<typeof SentenceSplitter>[0]> = {}): string[] {
  const splitter = new SentenceSplitter({ language: 'en', ...options });
  return [...splitter.push(text), ...splitter.flush()];
}

describe('SentenceSplitter: a reply that runs on without a full stop', () => {
  // The first-clause rule is turned off here so only the length limit cuts.
  const runOn = { maxSentenceChars: 40, firstClauseMinWords: 100 };

  it('is cut after a clause break when one comes late enough in the allowed length', () => {
    expect(split('alpha beta gamma delta, epsilon zeta eta theta iota kappa lambda mu nu ', runOn)).toEqual([
      'alpha beta gamma delta,',
      'epsilon zeta eta theta iota kappa lambda mu nu',
    ]);
  });

  it('is cut at the last space when the only clause break comes too early', () => {
    expect(split('ab, cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh ij kl mn ', runOn)).toEqual([
      'ab, cd ef gh ij kl mn op qr st uv wx yz',
      'ab cd ef gh ij kl mn',
    ]);
  });
});

describe('SentenceSplitter: the first clause', () => {
  it('counts words, not the spaces around them: three words before a comma are too few', () => {
    expect(split(' Absolutely wonderful news, and then more text follows here. ')).toEqual(['Absolutely wonderful news, and then more text follows here.']);
  });
});

describe('SentenceSplitter: only the first piece may be a clause', () => {
  it('speaks later sentences whole, however long their first clause', () => {
    const splitter = new SentenceSplitter({ language: 'en' });
    const text = 'Yes. The weather today is lovely and warm, so we can all go outside and play. ';
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 3) pieces.push(...splitter.push(text.slice(i, i + 3)));
    pieces.push(...splitter.flush());
    expect(pieces).toEqual([
      'Yes.',
      'The weather today is lovely and warm, so we can all go outside and play.',
    ]);
  });
});

describe('endsWithAbbreviation: single capitals', () => {
  it('a capital with a full stop is an initial in English, whichever capital it is', () => {
    expect(endsWithAbbreviation('A letter from J. ', 'en')).toBe(true);
    expect(endsWithAbbreviation('A letter from É. ', 'en')).toBe(true);
  });

  it('"É." and "À." end a Portuguese sentence; other capitals are initials there too', () => {
    expect(endsWithAbbreviation('Você sabe o que É. ', 'pt')).toBe(false);
    expect(endsWithAbbreviation('Vamos À. ', 'pt')).toBe(false);
    expect(endsWithAbbreviation('Uma carta de J. ', 'pt')).toBe(true);
  });

  it('two capitals with a full stop are a word, not an initial', () => {
    expect(endsWithAbbreviation('It was made by IBM. ', 'en')).toBe(false);
  });
});

describe('SentenceSplitter: where the first piece ends', () => {
  it('says a short first sentence on its own when it ends before any clause would', () => {
    expect(split('Sure. The weather today is lovely and warm, so we can go out. ')).toEqual(['Sure.', 'The weather today is lovely and warm, so we can go out.']);
  });

  it('does not cut a first clause shorter than 18 characters, counting none of the space before it', () => {
    // "It was a bit odd," has five words but 17 characters.
    expect(split(' It was a bit odd, but we kept going anyway. ')).toEqual(['It was a bit odd, but we kept going anyway.']);
  });

  it('copes with a reply that opens with a space and a phrase word', () => {
    expect(split(' In the end, the storm passed over the town quietly. ')).toEqual(['In the end, the storm passed over the town quietly.']);
  });
});

describe('SentenceSplitter: text still streaming', () => {
  it('says each line of a list once the next line starts, without waiting for a full stop', () => {
    const splitter = new SentenceSplitter({ language: 'en' });
    expect(splitter.push('- eggs\n- milk\n- bre')).toEqual(['- eggs', '- milk']);
    expect([...splitter.push('ad'), ...splitter.flush()]).toEqual(['- bread']);
  });

  it('waits for more text while a run-on is exactly at the length limit, and cuts once it is past it', () => {
    const splitter = new SentenceSplitter({ language: 'en', maxSentenceChars: 40, firstClauseMinWords: 100 });
    const forty = 'alpha beta gamma delta epsilon zeta eta ';
    expect(forty).toHaveLength(40);
    expect(splitter.push(forty)).toEqual([]);
    expect(splitter.push('t')).toEqual(['alpha beta gamma delta epsilon zeta eta']);
  });

  it('cuts a run-on at the last space when its clause break ends at exactly a third of the limit', () => {
    // Limit 30: the comma ends at character 10, which is not past a third.
    expect(split('abcd efgh, ijkl mnop qrst uvwx yzab cdef ', { maxSentenceChars: 30, firstClauseMinWords: 100 })).toEqual([
      'abcd efgh, ijkl mnop qrst',
      'uvwx yzab cdef',
    ]);
  });
});

describe('SentenceSplitter: the end of the reply', () => {
  it('keeps a title with the name after it when the reply ends without a full stop', () => {
    expect(split('Ask Dr. Smith')).toEqual(['Ask Dr. Smith']);
  });

  it('says a last sentence that ends in an abbreviation', () => {
    expect(split('Bring the usual things, etc.')).toEqual(['Bring the usual things,', 'etc.']);
  });
});
