// Settings → Documents: the files and folders Earshot answers from, with their counts, a typed
// path (or the desktop app's picker, or a drop) to add more, and the indexing run's progress,
// pause/cancel and the files it skipped with the reason for each.
import { useEffect, useState, type DragEvent } from 'react';
import { errorText } from '../banners/error-wording';
import { useApp, useT } from '../state/app-context';
import { droppedPaths } from './dropped-paths';
import { isRunning, progressLines } from './progress-text';
import { useHasKnowledge, useKnowledge, useKnowledgeActions } from './state/knowledge-context';

function ProgressBlock() {
  const t = useT();
  const actions = useKnowledgeActions();
  const progress = useKnowledge((s) => s.progress);
  const paused = useKnowledge((s) => s.paused);
  if (!progress) return null;
  const running = isRunning(progress);
  return (
    <div className="knowledge-progress" role="status" data-testid="knowledge-progress" data-phase={progress.phase}>
      {progressLines(progress, paused).map((line) => (
        <p key={line.key}>{t(line.key, line.params)}</p>
      ))}
      {running && progress.filesTotal > 0 && <progress max={progress.filesTotal} value={progress.filesDone} />}
      {running && (
        <p>
          <button type="button" className="secondary" onClick={() => void actions.control(paused ? 'resume' : 'pause')}>
            {t(paused ? 'knowledge.resume' : 'knowledge.pause')}
          </button>
          <button type="button" className="secondary" onClick={() => void actions.control('cancel')}>
            {t('knowledge.cancel')}
          </button>
        </p>
      )}
      {progress.skipped.length > 0 && (
        <details>
          <summary>{t('knowledge.skipped', { n: progress.skipped.length })}</summary>
          <ul>
            {progress.skipped.map((s) => (
              <li key={s.path}>
                <code>{s.path}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Panel() {
  const t = useT();
  const actions = useKnowledgeActions();
  const sources = useKnowledge((s) => s.sources);
  const desktop = useApp((s) => s.appInfo?.host === 'electron');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void actions.refresh();
  }, [actions]);

  const add = async (paths: string[]) => {
    const error = await actions.add(paths);
    setProblem(error ? errorText(error, {}, t) : null);
    if (!error) setTyped('');
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    const paths = droppedPaths([...event.dataTransfer.files], window);
    if (paths.length > 0) void add(paths);
    else setProblem(t('knowledge.dropNoPath'));
  };

  return (
    <div className="knowledge" onDragOver={(event) => event.preventDefault()} onDrop={drop}>
      <h4>{t('knowledge.title')}</h4>
      <p className="hint">{t('knowledge.intro')}</p>
      {sources.length === 0 ? (
        <p className="empty">{t('knowledge.empty')}</p>
      ) : (
        <ul className="knowledge-sources" data-testid="knowledge-sources">
          {sources.map((source) => (
            <li key={source.path} data-state={source.state}>
              <code>{source.path}</code> <span>{t('knowledge.summary', { files: source.files, chunks: source.chunks })}</span>{' '}
              {source.state !== 'indexed' && <span className="hint">{t(`knowledge.state.${source.state}`)}</span>}
              <button type="button" className="secondary" aria-label={t('knowledge.removeLabel', { path: source.path })} onClick={() => void actions.remove(source.path)}>
                {t('knowledge.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim() !== '') void add([typed.trim()]);
        }}
      >
        <label htmlFor="knowledge-path">{t('knowledge.pathLabel')}</label>
        <input id="knowledge-path" type="text" value={typed} maxLength={4096} onChange={(event) => setTyped(event.target.value)} aria-invalid={problem !== null} />
        <button type="submit" disabled={typed.trim() === ''}>
          {t('knowledge.add')}
        </button>
        {desktop && (
          <button type="button" className="secondary" onClick={() => void actions.choose()}>
            {t('knowledge.choose')}
          </button>
        )}
        {sources.length > 0 && (
          <button type="button" className="secondary" onClick={() => void actions.reindex()}>
            {t('knowledge.reindex')}
          </button>
        )}
      </form>
      <p className="hint">{t(desktop ? 'knowledge.drop' : 'knowledge.dropNoPath')}</p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <ProgressBlock />
    </div>
  );
}

export function KnowledgePanel() {
  return useHasKnowledge() ? <Panel /> : null;
}
