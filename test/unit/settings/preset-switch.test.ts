import { describe, expect, it } from 'vitest';
import { missingPresetModelNotice, planPresetSwitch } from '../../../src/main/core/settings/preset-switch';
import { DEFAULT_SETTINGS, PRESETS } from '../../../src/shared/settings';

describe('planPresetSwitch', () => {
  it('applies the whole preset when its Whisper model is installed', () => {
    const plan = planPresetSwitch(DEFAULT_SETTINGS, 'fast', new Set(['whisper-base', 'whisper-tiny']));
    expect(plan).toMatchObject({ missingModel: null, keptCurrent: false });
    expect(plan.settings.stt).toMatchObject({ model: 'whisper-tiny', beamSize: 1 });
    expect(plan.settings.llm).toMatchObject({ maxTokens: 150, temperature: 0.1, timeoutMs: 15_000 });
    expect(plan.settings.cache).toMatchObject(PRESETS.fast.cache!);
  });

  it('keeps the installed model instead of switching to one that is not there, and says how to get it', () => {
    const plan = planPresetSwitch(DEFAULT_SETTINGS, 'fast', new Set(['whisper-base']));
    expect(plan).toMatchObject({ missingModel: 'whisper-tiny', keptCurrent: true });
    expect(plan.settings.stt).toMatchObject({ model: 'whisper-base', beamSize: 1 });
    expect(plan.settings.llm.temperature).toBe(0.1);
    expect(missingPresetModelNotice('fast', plan, 'whisper-base')).toBe(
      'The fast preset uses Whisper model "whisper-tiny", which is not installed — Earshot keeps "whisper-base" for now; to switch, run `npm run models -- fetch whisper-tiny` (or download it under Models).',
    );
  });

  it('switches when neither model is installed (nothing to keep), still saying what to download', () => {
    const plan = planPresetSwitch(DEFAULT_SETTINGS, 'quality', new Set());
    expect(plan).toMatchObject({ missingModel: 'whisper-small', keptCurrent: false });
    expect(plan.settings.stt.model).toBe('whisper-small');
    expect(missingPresetModelNotice('quality', plan, 'whisper-base')).toContain('npm run models -- fetch whisper-small');
  });

  it('applies the preset as it is when the installed models could not be read', () => {
    const plan = planPresetSwitch(DEFAULT_SETTINGS, 'fast', null);
    expect(plan).toMatchObject({ missingModel: null });
    expect(plan.settings.stt.model).toBe('whisper-tiny');
    expect(missingPresetModelNotice('fast', plan, 'whisper-base')).toBeNull();
  });
});

describe('presets', () => {
  it('run the fast preset near-deterministically and keep the defaults as the balanced preset', () => {
    expect(PRESETS.fast.llm.temperature).toBeLessThanOrEqual(0.1);
    const balanced = PRESETS.balanced;
    expect(DEFAULT_SETTINGS.stt).toMatchObject(balanced.stt);
    expect(DEFAULT_SETTINGS.llm).toMatchObject(balanced.llm);
    expect(DEFAULT_SETTINGS.cache).toMatchObject(balanced.cache!);
  });
});
