import { describe, expect, it } from 'vitest';
import { applyPreset, DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../src/shared/settings';
import { NOT_FIELDS, SETTING_FIELDS, type SettingField } from '../../../src/renderer/src/settings/setting-fields';
import { checkFieldInput, matchingPreset, mergePatch, patchForField, readSetting } from '../../../src/renderer/src/settings/settings-form';

const field = (path: string): SettingField => SETTING_FIELDS.find((f) => f.path === path)!;

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('settings panel fields', () => {
  it('offer every setting there is (besides the version and the preset picker)', () => {
    const shown = new Set(SETTING_FIELDS.map((f) => f.path));
    const missing = leafPaths(DEFAULT_SETTINGS).filter((p) => !shown.has(p) && !(NOT_FIELDS as readonly string[]).includes(p));
    expect(missing).toEqual([]);
  });

  it('use the same bounds as the settings schema', () => {
    for (const f of SETTING_FIELDS) {
      if (f.kind.type !== 'int' && f.kind.type !== 'number') continue;
      const at = (v: number) => settingsSchema.safeParse(mergePatch(DEFAULT_SETTINGS, { [f.path.split('.')[0]!]: f.path.includes('.') ? { [f.path.split('.')[1]!]: v } : v })).success;
      expect([f.path, at(f.kind.min), at(f.kind.max)]).toEqual([f.path, true, true]);
      expect([f.path, at(f.kind.min - f.kind.step), at(f.kind.max + f.kind.step)]).toEqual([f.path, false, false]);
    }
  });
});

describe('checking what was typed', () => {
  it('accepts a beam size in range and says what to enter when it is not', () => {
    expect(checkFieldInput(DEFAULT_SETTINGS, field('stt.beamSize'), '2')).toEqual({ ok: true, value: 2 });
    expect(checkFieldInput(DEFAULT_SETTINGS, field('stt.beamSize'), '9')).toEqual({ ok: false, message: 'field.error.whole', params: { min: 1, max: 5 } });
    expect(checkFieldInput(DEFAULT_SETTINGS, field('stt.beamSize'), '2.5')).toMatchObject({ ok: false, message: 'field.error.whole' });
    expect(checkFieldInput(DEFAULT_SETTINGS, field('stt.beamSize'), '')).toMatchObject({ ok: false });
  });

  it('takes a decimal comma (pt-BR keyboards) for decimal settings', () => {
    expect(checkFieldInput(DEFAULT_SETTINGS, field('tts.speed'), '1,5')).toEqual({ ok: true, value: 1.5 });
  });

  it('refuses an empty model name but allows an empty Ollama host (the default)', () => {
    expect(checkFieldInput(DEFAULT_SETTINGS, field('llm.model'), '  ')).toEqual({ ok: false, message: 'field.error.required' });
    expect(checkFieldInput(DEFAULT_SETTINGS, field('llm.host'), '')).toEqual({ ok: true, value: '' });
  });

  it('reads checkboxes as booleans', () => {
    expect(checkFieldInput(DEFAULT_SETTINGS, field('memory.enabled'), false)).toEqual({ ok: true, value: false });
  });
});

describe('patches and presets', () => {
  it('changing the beam size away from the preset makes it custom, and back again restores the preset', () => {
    const balanced: Settings = DEFAULT_SETTINGS;
    expect(patchForField(balanced, field('stt.beamSize'), 3)).toEqual({ stt: { beamSize: 3 }, preset: 'custom' });
    const custom = mergePatch(balanced, { stt: { beamSize: 3 }, preset: 'custom' });
    expect(patchForField(custom, field('stt.beamSize'), 1)).toEqual({ stt: { beamSize: 1 }, preset: 'balanced' });
  });

  it('leaves the preset alone for settings it does not govern', () => {
    expect(patchForField(DEFAULT_SETTINGS, field('tts.speed'), 1.2)).toEqual({ tts: { speed: 1.2 } });
  });

  it('recognises each preset', () => {
    expect(matchingPreset(applyPreset(DEFAULT_SETTINGS, 'fast'))).toBe('fast');
    expect(matchingPreset(applyPreset(DEFAULT_SETTINGS, 'quality'))).toBe('quality');
  });

  it('reads nested values', () => {
    expect(readSetting(DEFAULT_SETTINGS, 'llm.historyTokens')).toBe(512);
    expect(readSetting(DEFAULT_SETTINGS, 'language')).toBe('auto');
  });
});
