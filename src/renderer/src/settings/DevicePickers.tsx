// Microphone and speaker pickers: the devices plugged in (navigator.mediaDevices), remembered in
// settings, re-listed when a device is plugged or unplugged; an unplugged one falls back to the
// system default and says so.
import { useEffect, useId, useState } from 'react';
import type { Settings } from '../../../shared/settings';
import { useT } from '../state/app-context';
import { deviceChoice, listedDevices, type AudioDevice } from './device-choice';

type Kind = 'audioinput' | 'audiooutput';

function useDevices(kind: Kind): AudioDevice[] {
  const [devices, setDevices] = useState<AudioDevice[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let live = true;
    const load = () =>
      void media.enumerateDevices().then((all) => {
        if (live) setDevices(listedDevices(all.filter((d) => d.kind === kind).map((d) => ({ deviceId: d.deviceId, label: d.label }))));
      });
    load();
    media.addEventListener('devicechange', load);
    return () => {
      live = false;
      media.removeEventListener('devicechange', load);
    };
  }, [kind]);
  return devices;
}

function DevicePicker({ kind, remembered, onPick }: { kind: Kind; remembered: string; onPick(id: string): void }) {
  const t = useT();
  const id = useId();
  const devices = useDevices(kind);
  const choice = deviceChoice(devices, remembered);
  const label = kind === 'audioinput' ? t('devices.microphone') : t('devices.speaker');
  return (
    <div className="field field-choice">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={choice.value} aria-describedby={choice.missing ? `${id}-missing` : undefined} onChange={(e) => onPick(e.target.value)}>
        <option value="">{t('devices.default')}</option>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || t('devices.unnamed', { n: i + 1 })}
          </option>
        ))}
      </select>
      {choice.missing && (
        <p id={`${id}-missing`} className="hint">
          {t('devices.missing')}
        </p>
      )}
    </div>
  );
}

export function DevicePickers({ settings, save }: { settings: Settings; save(patch: Record<string, unknown>): Promise<string | null> }) {
  return (
    <>
      <DevicePicker kind="audioinput" remembered={settings.audio.inputDeviceId} onPick={(id) => void save({ audio: { ...settings.audio, inputDeviceId: id } })} />
      <DevicePicker kind="audiooutput" remembered={settings.audio.outputDeviceId} onPick={(id) => void save({ audio: { ...settings.audio, outputDeviceId: id } })} />
    </>
  );
}
