// The whisper-base-sized stand-in claims whisper-base's tokenizer layout: the control tokens at the
// ids the real multilingual vocabulary has, 51865 in all, and the script as whole-word tokens.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPT, scriptPieces, whisperBaseVocabulary } from '../../support/whisper-base-stand-in';

describe('whisper-base stand-in vocabulary', () => {
  const v = whisperBaseVocabulary(scriptPieces(DEFAULT_SCRIPT));

  it("puts Whisper's control tokens at their real ids", () => {
    expect(v.id('<|endoftext|>')).toBe(50257);
    expect(v.id('<|startoftranscript|>')).toBe(50258);
    expect(v.id('<|en|>')).toBe(50259);
    expect(v.id('<|pt|>')).toBe(50267);
    expect(v.id('<|transcribe|>')).toBe(50359);
    expect(v.id('<|notimestamps|>')).toBe(50363);
    expect(v.id('<|0.00|>')).toBe(50364);
    expect(v.id('<|30.00|>')).toBe(51864);
  });

  it('speaks a realistic question as one token per word or mark', () => {
    expect(scriptPieces(DEFAULT_SCRIPT)).toEqual([' What', "'s", ' the', ' tallest', ' mountain', ' in', ' Africa', ',', ' and', ' how', ' high', ' is', ' it', '?']);
    expect(v.pieceIds.every((id) => Number.isInteger(id) && id < 50257)).toBe(true);
  });
});
