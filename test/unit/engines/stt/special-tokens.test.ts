import { describe, expect, it } from 'vitest';
import { buildLogitMasks, pickLanguage } from '../../../../src/main/core/engines/stt/logit-filters';
import { promptTokens, readSpecialTokens } from '../../../../src/main/core/engines/stt/special-tokens';
import { WhisperTokenizer } from '../../../../src/main/core/engines/stt/tokenizer';

// whisper-base's real ids, cut down: text tokens below 50257, control tokens from there.
const ADDED = [
  [50257, '<|endoftext|>'],
  [50258, '<|startoftranscript|>'],
  [50259, '<|en|>'],
  [50260, '<|zh|>'],
  [50265, '<|pt|>'],
  [50358, '<|translate|>'],
  [50359, '<|transcribe|>'],
  [50360, '<|startoflm|>'],
  [50361, '<|startofprev|>'],
  [50362, '<|nospeech|>'],
  [50363, '<|notimestamps|>'],
  [50364, '<|0.00|>'],
  [51864, '<|30.00|>'],
] as const;
const tokenizer = WhisperTokenizer.fromJson({
  added_tokens: ADDED.map(([id, content]) => ({ id, content, special: true })),
  model: { type: 'BPE', vocab: { Ġ: 220, hi: 5303 } },
});
const multilingualConfig = {
  decoder_start_token_id: 50258,
  eos_token_id: 50257,
  no_timestamps_token_id: 50363,
  is_multilingual: true,
  lang_to_id: { '<|en|>': 50259, '<|zh|>': 50260, '<|pt|>': 50265 },
  task_to_id: { transcribe: 50359, translate: 50358 },
  suppress_tokens: [1, 2, 7],
  begin_suppress_tokens: [220, 50257],
};

describe('special tokens from generation_config.json', () => {
  const tokens = readSpecialTokens(multilingualConfig, tokenizer);

  it('builds the multilingual prompt sot, language, transcribe, notimestamps', () => {
    expect(promptTokens(tokens, 'pt')).toEqual([50258, 50265, 50359, 50363]);
    expect(promptTokens(tokens, 'en')).toEqual([50258, 50259, 50359, 50363]);
    expect(promptTokens(tokens, null)).toEqual([50258]);
    expect(tokens.timestampBegin).toBe(50364);
  });

  it('builds the English-only prompt sot, notimestamps when the model is .en', () => {
    const en = readSpecialTokens(
      { decoder_start_token_id: 50257, eos_token_id: 50256, no_timestamps_token_id: 50362, begin_suppress_tokens: [220, 50256] },
      tokenizer,
    );
    expect(en.multilingual).toBe(false);
    expect(promptTokens(en, 'en')).toEqual([50257, 50362]);
  });

  it('falls back to the tokenizer’s added tokens when generation_config is sparse', () => {
    const t = readSpecialTokens({ is_multilingual: true }, tokenizer);
    expect([t.sot, t.eot, t.noTimestamps, t.transcribe]).toEqual([50258, 50257, 50363, 50359]);
    expect(t.languages.get('pt')).toBe(50265);
  });

  it('says which token is missing', () => {
    const bare = WhisperTokenizer.fromJson({ model: { vocab: {} } });
    expect(() => readSpecialTokens({}, bare)).toThrow(/startoftranscript/);
  });
});

describe('logit masks', () => {
  const tokens = readSpecialTokens(multilingualConfig, tokenizer);
  const { always, atBegin } = buildLogitMasks(tokens, 51865);

  it('never lets a control token, a timestamp or a suppressed token be sampled, but allows end of text', () => {
    for (const id of [50258, 50259, 50265, 50358, 50359, 50360, 50361, 50362, 50363, 50364, 50400, 51864, 1, 2, 7]) {
      expect(always[id], `token ${id}`).toBe(1);
    }
    expect(always[50257]).toBe(0);
    expect(always[5303]).toBe(0);
    expect(always[220]).toBe(0);
  });

  it('keeps a lone space and end of text from starting the transcript', () => {
    expect(atBegin[220]).toBe(1);
    expect(atBegin[50257]).toBe(1);
    expect(atBegin[5303]).toBe(0);
  });

  it('detects the language among the supported ones only', () => {
    const logits = new Float32Array(51865);
    logits[50260] = 9; // zh scores best, but Earshot speaks en and pt
    logits[50265] = 5;
    logits[50259] = 3;
    const supported = new Map([['en', 50259], ['pt', 50265]] as const);
    expect(pickLanguage(logits, supported)).toBe('pt');
  });
});
