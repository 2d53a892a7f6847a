// A model download in progress: a labelled progress bar, phase, bytes, time left, and Cancel.
import type { ModelProgress } from '../../../shared/records';
import { useActions, useT } from '../state/app-context';
import { etaSeconds, formatBytes, progressPercent } from './progress-text';

export function DownloadProgress({ progress }: { progress: ModelProgress }) {
  const t = useT();
  const actions = useActions();
  const percent = progressPercent(progress);
  const eta = etaSeconds(progress);
  const label = t('progress.label', { model: progress.model });
  return (
    <div className="download" data-model={progress.model}>
      <progress aria-label={label} max={100} value={percent ?? undefined} />
      <span className="download-text">
        {t(`progress.phase.${progress.phase}`)}
        {percent !== null && ` · ${percent}%`}
        {progress.totalBytes !== null &&
          ` · ${t('progress.bytes', { received: formatBytes(progress.receivedBytes, t.locale), total: formatBytes(progress.totalBytes, t.locale) })}`}
        {eta !== null && ` · ${t('progress.eta', { seconds: eta })}`}
      </span>
      {progress.phase !== 'done' && (
        <button type="button" className="secondary" aria-label={`${t('progress.cancel')}: ${label}`} onClick={() => void actions.cancelDownload(progress.model)}>
          {t('progress.cancel')}
        </button>
      )}
    </div>
  );
}
