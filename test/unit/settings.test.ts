import { describe, expect, it } from 'vitest';
import { applyPreset, DEFAULT_SETTINGS, settingsSchema } from '../../src/shared/settings';

describe('settings schema', () => {
  it('fills every default from an empty object', () => {
    expect(DEFAULT_SETTINGS.stt.beamSize).toBe(3);
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
});
