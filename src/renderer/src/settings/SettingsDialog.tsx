// The settings panel (a modal dialog): the preset picker, then every setting by section, with the
// Ollama host warning, the global key's status, the memory list and the cache statistics where they
// belong. Opening it refreshes the model list, the caches and the memories.
import { useEffect, useRef, useState } from 'react';
import { PRESET_NAMES, type PresetName } from '../../../shared/settings';
import { useActions, useApp, useT } from '../state/app-context';
import { errorText, hotkeyNoteText } from '../banners/error-wording';
import { WakeModelNotice } from '../listening/WakeModelNotice';
import { CacheStatsTable } from './CacheStatsTable';
import { hotkeyHint } from './hotkey-hint';
import { isLoopbackHost } from './loopback-host';
import { MemoryList } from './MemoryList';
import { SECTIONS, SETTING_FIELDS, type SectionId } from './setting-fields';
import { SettingControl } from './SettingControl';
import { HotkeyRecorder } from './HotkeyRecorder';
import { DevicePickers } from './DevicePickers';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';

function SectionExtras({ section }: { section: SectionId }) {
  const t = useT();
  const hotkey = useApp((s) => s.hotkeyStatus);
  const host = useApp((s) => s.appInfo?.host ?? null);
  if (section === 'memory') return <MemoryList />;
  if (section === 'cache') return <CacheStatsTable />;
  if (section === 'listening') return <WakeModelNotice />;
  if (section === 'knowledge') return <KnowledgePanel />;
  if (section === 'hotkey') {
    const hint = hotkeyHint(hotkey, host);
    if (hint.kind === 'none') return null;
    if (hint.kind === 'message') return <p className="hint">{t(hint.key)}</p>;
    if (hint.kind === 'note') return <p className="hint">{hotkeyNoteText(hint.note, t)}</p>;
    return (
      <p className="hint">
        {t('settings.hotkeyNote', { mode: t(`choice.hotkey.mode.${hint.mode}`) })} {hint.note ? hotkeyNoteText(hint.note, t) : ''}
      </p>
    );
  }
  return null;
}

export function SettingsDialog() {
  const t = useT();
  const actions = useActions();
  const open = useApp((s) => s.settingsOpen);
  const settings = useApp((s) => s.settings);
  const dialog = useRef<HTMLDialogElement>(null);
  const [saved, setSaved] = useState(0);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      // "Saved." speaks of a change made while the panel is open, not of one from an earlier visit.
      setSaved(0);
      el.showModal();
      void actions.refreshSetup();
      void actions.refreshCache();
      void actions.refreshMemories();
    } else if (!open && el.open) {
      el.close();
    }
  }, [open, actions]);

  // "Saved." only while the last change was saved; a refusal is said in the interface language.
  const save = async (patch: Record<string, unknown>) => {
    const error = await actions.updateSettings(patch);
    setSaved((n) => (error ? 0 : n + 1));
    return error ? errorText(error, {}, t) : null;
  };

  return (
    <dialog ref={dialog} className="settings" aria-labelledby="settings-title" onClose={() => actions.setSettingsOpen(false)}>
      <div className="settings-header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <p role="status" className="saved">
          {saved > 0 ? t('settings.saved') : ''}
        </p>
        <button type="button" className="secondary" onClick={() => actions.setSettingsOpen(false)}>
          {t('settings.close')}
        </button>
      </div>
      {!settings ? (
        <p>{t('settings.loading')}</p>
      ) : (
        // An edit in progress is not saved yet: "Saved." goes until that edit is saved in turn.
        <div className="settings-form" onInput={() => setSaved(0)}>
          <div className="field">
            <label htmlFor="settings-preset">{t('settings.preset')}</label>
            <select
              id="settings-preset"
              aria-describedby="settings-preset-hint"
              value={settings.preset}
              onChange={(event) => {
                if (event.target.value !== 'custom') void actions.applyPreset(event.target.value as PresetName).then((applied) => setSaved((n) => (applied ? n + 1 : 0)));
              }}
            >
              {PRESET_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`preset.${name}`)}
                </option>
              ))}
              {settings.preset === 'custom' && <option value="custom">{t('preset.custom')}</option>}
            </select>
            <p id="settings-preset-hint" className="hint">
              {t('settings.presetHint')}
            </p>
          </div>
          {SECTIONS.map((section) => (
            <fieldset key={section.id} data-section={section.id}>
              <legend>{t(section.title)}</legend>
              {SETTING_FIELDS.filter((f) => f.section === section.id).map((field) => (
                <SettingControl key={field.path} field={field} settings={settings} save={save}>
                  {field.path === 'llm.host' && !isLoopbackHost(settings.llm.host) && (
                    <p className="warning-text" role="note">
                      {t('settings.ollamaRemote', { host: settings.llm.host })}
                    </p>
                  )}
                  {field.path === 'hotkey.binding' && <HotkeyRecorder save={save} />}
                </SettingControl>
              ))}
              {section.id === 'voice' && <DevicePickers settings={settings} save={save} />}
              <SectionExtras section={section.id} />
            </fieldset>
          ))}
        </div>
      )}
    </dialog>
  );
}
