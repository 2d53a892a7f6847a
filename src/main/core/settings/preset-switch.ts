// Applying a preset without silently switching to a speech model that is not there: when the
// preset's Whisper model is not installed but the current one is, the current one stays (and the
// caller says so, with the download command); everything else in the preset applies. Pure.
import { applyPreset, type PresetName, type Settings } from '../../../shared/settings';

export interface PresetSwitch {
  settings: Settings;
  /** The preset's Whisper model when it is not installed; null when it is (or nothing is known). */
  missingModel: string | null;
  /** Whether the current model was kept in its place. */
  keptCurrent: boolean;
}

/** `installedStt`: the Whisper models installed now, or null when that could not be read. */
export function planPresetSwitch(current: Settings, preset: PresetName, installedStt: ReadonlySet<string> | null): PresetSwitch {
  const next = applyPreset(current, preset);
  const wanted = next.stt.model;
  if (installedStt === null || wanted === current.stt.model || installedStt.has(wanted)) return { settings: next, missingModel: null, keptCurrent: false };
  const keep = installedStt.has(current.stt.model);
  return { settings: keep ? { ...next, stt: { ...next.stt, model: current.stt.model } } : next, missingModel: wanted, keptCurrent: keep };
}

/** What the person is told, with the command that installs the model. */
export function missingPresetModelNotice(preset: PresetName, plan: PresetSwitch, current: string): string | null {
  if (!plan.missingModel) return null;
  const fetch = `run \`npm run models -- fetch ${plan.missingModel}\` (or download it under Models)`;
  return plan.keptCurrent
    ? `The ${preset} preset uses Whisper model "${plan.missingModel}", which is not installed — Earshot keeps "${current}" for now; to switch, ${fetch}.`
    : `The ${preset} preset uses Whisper model "${plan.missingModel}", which is not installed — ${fetch}.`;
}
