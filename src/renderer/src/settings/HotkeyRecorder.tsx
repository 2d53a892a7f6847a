// Sets the global talk key by pressing it: the keys held are shown as they are pressed and saved
// when a full combination is down; one that would clash is explained and kept only on request.
import { useState, type KeyboardEvent } from 'react';
import { useApp, useT } from '../state/app-context';
import { acceleratorFor, hotkeyConflict } from './hotkey-accelerator';

export function HotkeyRecorder({ save }: { save(patch: Record<string, unknown>): Promise<string | null> }) {
  const t = useT();
  const platform = useApp((s) => s.appInfo?.platform ?? 'linux');
  const [recording, setRecording] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const conflict = pending ? hotkeyConflict(pending) : null;

  const keep = async (accelerator: string) => {
    setError(await save({ hotkey: { binding: accelerator } }));
    setPending(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') {
      setRecording(false);
      return;
    }
    const accelerator = acceleratorFor(event, platform);
    if (accelerator === null) return;
    setRecording(false);
    if (hotkeyConflict(accelerator)) setPending(accelerator);
    else void keep(accelerator);
  };

  return (
    <div className="hotkey-recorder">
      <button type="button" className="secondary" aria-pressed={recording} onClick={() => setRecording((r) => !r)} onKeyDown={onKeyDown} onBlur={() => setRecording(false)}>
        {recording ? t('hotkey.recording') : t('hotkey.record')}
      </button>
      {pending && conflict && (
        <div role="alert" className="warning-text">
          <p>{t(`hotkey.conflict.${conflict}`, { keys: pending })}</p>
          <button type="button" className="secondary" onClick={() => void keep(pending)}>
            {t('hotkey.useAnyway')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setPending(null)}>
            {t('conversations.cancel')}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
