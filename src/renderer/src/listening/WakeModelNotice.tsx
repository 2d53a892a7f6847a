// The wake-word model's license (or the name of the user's own model), shown beside the hands-free
// settings so nobody enables a non-commercial model without being told.
import { useApp, useT } from '../state/app-context';
import { wakeModelNotice, wakeModelNoticeText } from './wake-model-notice';

export function WakeModelNotice() {
  const t = useT();
  const listening = useApp((s) => s.settings?.listening ?? null);
  if (!listening) return null;
  return (
    <p className="hint" role="note" data-testid="wake-model-notice">
      {wakeModelNoticeText(wakeModelNotice(listening), t)}
    </p>
  );
}
