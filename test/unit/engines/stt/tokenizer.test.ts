import { describe, expect, it } from 'vitest';
import { byteLevelAlphabet, toByteLevel } from '../../../../src/main/core/engines/stt/byte-level-alphabet';
import { WhisperTokenizer } from '../../../../src/main/core/engines/stt/tokenizer';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => toByteLevel(Uint8Array.from(b));

// Tokens cut where real byte-level BPE cuts rare characters: in the middle of a UTF-8 sequence.
const vocab: Record<string, number> = {
  [toByteLevel(utf8('a'))]: 0,
  [bytes(0xc3)]: 1, // first byte of ç, ã, ê
  [bytes(0xa7, 0xc3, 0xa3)]: 2, // rest of ç, then first two bytes of… ã
  [toByteLevel(utf8('o'))]: 3,
  [toByteLevel(utf8(' voc'))]: 4,
  [bytes(0xaa)]: 5, // rest of ê
  [toByteLevel(utf8(' hello'))]: 6,
  [toByteLevel(utf8('!'))]: 7,
};
const tokenizerJson = {
  version: '1.0',
  added_tokens: [
    { id: 8, content: '<|endoftext|>', special: true },
    { id: 9, content: '<|startoftranscript|>', special: true },
    { id: 10, content: '<|pt|>', special: true },
    { id: 11, content: '<|0.00|>', special: false },
  ],
  decoder: { type: 'ByteLevel' },
  model: { type: 'BPE', vocab, merges: [] },
};

describe('byte-level alphabet', () => {
  it('maps all 256 bytes to distinct characters, printable ASCII to itself and space to Ġ', () => {
    const alphabet = byteLevelAlphabet();
    expect(new Set(alphabet).size).toBe(256);
    expect(alphabet[0x41]).toBe('A');
    expect(alphabet[0x20]).toBe('Ġ');
    expect(alphabet[0x0a]).toBe('Ċ');
  });
});

describe('WhisperTokenizer', () => {
  const tokenizer = WhisperTokenizer.fromJson(tokenizerJson);

  it('decodes Portuguese whose characters are split across tokens', () => {
    expect(tokenizer.decode([0, 1, 2, 3])).toBe('ação');
    expect(tokenizer.decode([4, 1, 5])).toBe(' você');
  });

  it('leaves special tokens out of the text, timestamps included', () => {
    expect(tokenizer.decode([9, 10, 6, 7, 11, 8])).toBe(' hello!');
  });

  it('finds special tokens by name and knows the vocabulary size', () => {
    expect(tokenizer.tokenId('<|startoftranscript|>')).toBe(9);
    expect(tokenizer.tokenId('<|en|>')).toBeUndefined();
    expect(tokenizer.isSpecial(8)).toBe(true);
    expect(tokenizer.isSpecial(6)).toBe(false);
    expect(tokenizer.specialIds()).toEqual([8, 9, 10, 11]);
    expect(tokenizer.size).toBe(12);
  });

  it('rejects a file that is not a BPE tokenizer', () => {
    expect(() => WhisperTokenizer.fromJson({})).toThrow(/model\.vocab/);
    expect(() => WhisperTokenizer.fromJson({ model: { type: 'Unigram', vocab: {} } })).toThrow(/Unigram/);
  });
});
