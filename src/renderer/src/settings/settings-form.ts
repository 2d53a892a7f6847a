// The settings panel's form ↔ settings: reading a field's value, checking what a person typed
// against the field's bounds and the schema, and the settings.update patch a change makes —
// including the preset, which becomes "custom" once a preset-governed value no longer matches.
import { PRESET_NAMES, PRESETS, settingsSchema, type PresetName, type Settings } from '../../../shared/settings';
import type { MessageKey } from '../i18n/messages-en';
import type { SettingField } from './setting-fields';

export type FieldValue = string | number | boolean;

export type FieldCheck =
  | { ok: true; value: FieldValue }
  | { ok: false; message: MessageKey; params?: Record<string, string | number> };

export function readSetting(settings: Settings, path: string): unknown {
  let value: unknown = settings;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** { stt: { beamSize: 2 } } for ("stt.beamSize", 2). */
export function patchAt(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let patch: unknown = value;
  for (let i = keys.length - 1; i >= 0; i--) patch = { [keys[i]!]: patch };
  return patch as Record<string, unknown>;
}

function mergeDeep(base: unknown, patch: unknown): unknown {
  if (typeof base !== 'object' || base === null || typeof patch !== 'object' || patch === null) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeDeep(out[key], value);
  return out;
}

/** The settings a patch would give (no validation). */
export function mergePatch(settings: Settings, patch: Record<string, unknown>): Settings {
  return mergeDeep(settings, patch) as Settings;
}

/** Turns a control's raw value into the setting's value, or says what is wrong with it. */
export function checkFieldInput(settings: Settings, field: SettingField, raw: string | boolean): FieldCheck {
  const { kind } = field;
  let value: FieldValue;
  if (kind.type === 'bool') {
    value = raw === true || raw === 'true';
  } else if (kind.type === 'int' || kind.type === 'number') {
    const text = String(raw).trim().replace(',', '.');
    const n = Number(text);
    const range = { min: kind.min, max: kind.max };
    if (text === '' || !Number.isFinite(n)) return { ok: false, message: 'field.error.number', params: range };
    if (kind.type === 'int' && !Number.isInteger(n)) return { ok: false, message: 'field.error.whole', params: range };
    if (n < kind.min || n > kind.max) return { ok: false, message: kind.type === 'int' ? 'field.error.whole' : 'field.error.number', params: range };
    value = n;
  } else {
    value = String(raw).trim();
    if (value === '' && !(kind.type === 'text' && kind.optional)) return { ok: false, message: 'field.error.required' };
  }
  const parsed = settingsSchema.safeParse(mergePatch(settings, patchAt(field.path, value)));
  if (!parsed.success) return { ok: false, message: 'field.error.invalid' };
  return { ok: true, value };
}

/** The preset whose values these settings have, or "custom". */
export function matchingPreset(settings: Settings): PresetName | 'custom' {
  const match = PRESET_NAMES.find((name) => {
    const preset = PRESETS[name];
    return (
      Object.entries(preset.stt).every(([k, v]) => settings.stt[k as keyof Settings['stt']] === v) &&
      Object.entries(preset.llm).every(([k, v]) => settings.llm[k as keyof Settings['llm']] === v)
    );
  });
  return match ?? 'custom';
}

/** The settings.update patch for one field's new value, with the preset it leaves in effect. */
export function patchForField(settings: Settings, field: SettingField, value: FieldValue): Record<string, unknown> {
  const patch = patchAt(field.path, value);
  const preset = matchingPreset(mergePatch(settings, patch));
  return preset === settings.preset ? patch : { ...patch, preset };
}
