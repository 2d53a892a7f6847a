// The checks that stand between a damaged Piper voice and sherpa-onnx, which would end the process
// (or hang) on these faults instead of reporting them.
import { describe, expect, it } from 'vitest';
import { checkPiperMetadata, checkPiperTokens, espeakDictionaryFor } from '../../../../src/main/core/engines/tts/piper-voice-check';
import { piperTokensText } from '../../../support/piper-stand-in';

const PIPER = { model_type: 'vits', comment: 'piper', language: 'English', voice: 'en-us', has_espeak: '1', n_speakers: '1', sample_rate: '16000' };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkPiperMetadata', () => {
  it('accepts what sherpa-onnx writes into its Piper exports', () => {
    expect(checkPiperMetadata(PIPER)).toEqual({
      ok: true,
      value: { sampleRate: 16_000, speakers: 1, espeakVoice: 'en-us', language: 'English' },
    });
  });

  it('names every missing key sherpa-onnx needs', () => {
    const { sample_rate: _s, language: _l, ...rest } = PIPER;
    expect(checkPiperMetadata(rest)).toEqual({ ok: false, problem: expect.stringContaining('sample_rate, language') });
  });

  it('treats an empty value as missing', () => {
    expect(checkPiperMetadata({ ...PIPER, voice: '' })).toMatchObject({ ok: false, problem: expect.stringContaining('voice') });
  });

  it('rejects negative integers, which sherpa-onnx exits on', () => {
    expect(checkPiperMetadata({ ...PIPER, n_speakers: '-1' })).toMatchObject({ ok: false, problem: expect.stringContaining('n_speakers') });
    expect(checkPiperMetadata({ ...PIPER, add_blank: '-2' })).toMatchObject({ ok: false, problem: expect.stringContaining('add_blank') });
  });

  it('rejects models that are not Piper voices', () => {
    expect(checkPiperMetadata({ ...PIPER, comment: 'coqui' })).toMatchObject({ ok: false, problem: expect.stringContaining('not a Piper voice') });
    expect(checkPiperMetadata({ ...PIPER, jieba: '1' })).toMatchObject({ ok: false, problem: expect.stringContaining('jieba') });
  });

  it('rejects a sample rate that is not a positive number', () => {
    expect(checkPiperMetadata({ ...PIPER, sample_rate: 'fast' })).toMatchObject({ ok: false, problem: expect.stringContaining('sample_rate') });
  });
});

describe('checkPiperTokens', () => {
  it('accepts the stand-in token list, with the space symbol written as a bare id', () => {
    const text = piperTokensText();
    expect(text).toMatch(/^ 3$/m);
    expect(checkPiperTokens(bytes(text))).toMatchObject({ ok: true });
  });

  it('accepts Windows line endings and coqui’s <BLNK> entry', () => {
    expect(checkPiperTokens(bytes('_ 0\r\n^ 1\r\n$ 2\r\n 3\r\n<BLNK> 4\r\n'))).toEqual({ ok: true, value: { count: 4 } });
  });

  it('rejects a symbol longer than one character', () => {
    expect(checkPiperTokens(bytes('_ 0\n^ 1\n$ 2\nab 3\n'))).toEqual({ ok: false, problem: 'line 4 has a symbol longer than one character' });
  });

  it('rejects a repeated symbol', () => {
    expect(checkPiperTokens(bytes('_ 0\n^ 1\n$ 2\na 3\na 4\n'))).toEqual({ ok: false, problem: 'line 5 repeats the symbol "a"' });
  });

  it('rejects a blank line (sherpa-onnx would read it as a second space symbol)', () => {
    expect(checkPiperTokens(bytes('_ 0\n^ 1\n\n$ 2\n'))).toEqual({ ok: false, problem: 'line 3 is blank' });
  });

  it('rejects a line without a numeric id, or with extra words', () => {
    expect(checkPiperTokens(bytes('_ zero\n'))).toEqual({ ok: false, problem: 'line 1 has no numeric id' });
    expect(checkPiperTokens(bytes('_ 0 extra\n'))).toEqual({ ok: false, problem: 'line 1 has more than a symbol and an id' });
  });

  it('rejects a list without Piper’s pad, start or end symbols (generation would hang)', () => {
    expect(checkPiperTokens(bytes('_ 0\na 1\n'))).toEqual({ ok: false, problem: 'it lacks Piper\'s "^" (start), "$" (end) symbols' });
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(checkPiperTokens(Uint8Array.from([0x5f, 0x20, 0x30, 0x0a, 0xff, 0xfe, 0x20, 0x31]))).toEqual({ ok: false, problem: 'it is not UTF-8 text' });
  });
});

describe('espeakDictionaryFor', () => {
  it('maps an espeak-ng voice to the dictionary it reads', () => {
    expect(espeakDictionaryFor('en-us')).toBe('en_dict');
    expect(espeakDictionaryFor('pt-BR')).toBe('pt_dict');
    expect(espeakDictionaryFor('pt')).toBe('pt_dict');
  });
});
