import { describe, expect, it } from 'vitest';
import { applyPreset, DEFAULT_SETTINGS, ollamaKeepAlive, settingsSchema } from '../../src/shared/settings';

describe('settings schema', () => {
  it('fills every default from an empty object', () => {
    expect(DEFAULT_SETTINGS.stt.beamSize).toBe(1);
    expect(DEFAULT_SETTINGS.llm.maxTokens).toBeLessThanOrEqual(300);
    expect(DEFAULT_SETTINGS.llm.timeoutMs).toBe(30_000);
  });

  it('keeps given values and fills the rest of a partial file', () => {
    const s = settingsSchema.parse({ stt: { beamSize: 1 } });
    expect(s.stt.beamSize).toBe(1);
    expect(s.stt.model).toBe('whisper-base');
    expect(s.llm.model).toBe(DEFAULT_SETTINGS.llm.model);
  });

  it('rejects a beam size outside 1–5 and a token cap above 1000', () => {
    expect(settingsSchema.safeParse({ stt: { beamSize: 6 } }).success).toBe(false);
    expect(settingsSchema.safeParse({ stt: { beamSize: 0 } }).success).toBe(false);
    expect(settingsSchema.safeParse({ llm: { maxTokens: 1001 } }).success).toBe(false);
  });

  it('presets change the speed/accuracy trade-off and name themselves', () => {
    const fast = applyPreset(DEFAULT_SETTINGS, 'fast');
    expect(fast.stt.beamSize).toBe(1);
    expect(fast.preset).toBe('fast');
    expect(applyPreset(DEFAULT_SETTINGS, 'quality').stt.beamSize).toBe(5);
  });

  it('takes a keep-alive as an Ollama duration or a number of seconds, and refuses anything else', () => {
    for (const ok of ['30m', '1h30m', '-1m', '0', '3600', '-1', '2.5h']) {
      expect(settingsSchema.safeParse({ llm: { keepAlive: ok } }).success, ok).toBe(true);
    }
    for (const bad of ['5 minutes', '30 m', '', 'forever', '1d']) {
      expect(settingsSchema.safeParse({ llm: { keepAlive: bad } }).success, bad).toBe(false);
    }
    expect(ollamaKeepAlive('3600')).toBe(3600);
    expect(ollamaKeepAlive('-1')).toBe(-1);
    expect(ollamaKeepAlive('30m')).toBe('30m');
  });

  it('refuses a model or voice id that would reach outside the models folder', () => {
    for (const bad of ['../../home/x', '/etc', 'a/b', '.hidden', 'a\\b']) {
      expect(settingsSchema.safeParse({ stt: { model: bad } }).success, bad).toBe(false);
      expect(settingsSchema.safeParse({ tts: { voiceEn: bad } }).success, bad).toBe(false);
      expect(settingsSchema.safeParse({ tts: { voicePt: bad } }).success, bad).toBe(false);
    }
    expect(settingsSchema.safeParse({ stt: { model: 'whisper-small.en' }, tts: { voicePt: 'piper-pt_BR-faber-medium' } }).success).toBe(true);
  });
});
