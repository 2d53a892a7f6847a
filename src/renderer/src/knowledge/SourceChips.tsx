// The documents a reply quoted, as chips under it: the file name and where in it (heading, page).
// The desktop app opens the file; a browser page shows its path instead, since the file lives on
// the computer running Earshot.
import { useEffect } from 'react';
import { useApp, useT } from '../state/app-context';
import { chipLabel } from './chip-label';
import { useHasKnowledge, useKnowledge, useKnowledgeActions } from './state/knowledge-context';

function Chips({ turnId }: { turnId: string | null }) {
  const t = useT();
  const actions = useKnowledgeActions();
  const sources = useKnowledge((s) => (turnId ? s.quoted[turnId] : undefined));
  const desktop = useApp((s) => s.appInfo?.host === 'electron');
  // A reply shown from history after a reload: its sources come from what main saved.
  const missing = turnId !== null && sources === undefined;
  useEffect(() => {
    if (missing && turnId) actions.loadQuoted(turnId);
  }, [missing, turnId, actions]);
  if (!sources || sources.length === 0) return null;
  return (
    <p className="source-chips" data-testid="source-chips">
      <span className="who">{t('sources.label')}</span>{' '}
      {sources.map((source) => {
        const label = chipLabel(source, (n) => t('sources.page', { n }));
        return desktop ? (
          <button key={`${source.path}#${source.heading ?? ''}#${source.page ?? ''}`} type="button" className="chip" title={source.path} aria-label={t('sources.open', { name: label })} onClick={() => void actions.open(source.path)}>
            {label}
          </button>
        ) : (
          <span key={`${source.path}#${source.heading ?? ''}#${source.page ?? ''}`} className="chip" title={`${source.path} — ${t('sources.browserPath')}`}>
            {label}
          </span>
        );
      })}
    </p>
  );
}

export function SourceChips({ turnId }: { turnId: string | null }) {
  return useHasKnowledge() ? <Chips turnId={turnId} /> : null;
}
