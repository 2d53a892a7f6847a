// The "Conversations" sidebar: start a new one, pick an earlier one to continue, search every turn,
// and for the open one rename, export (Markdown or JSON) or delete it — with Undo for a while.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ExportFormat } from '../../../shared/conversation-export';
import type { ConversationSummary } from '../../../shared/records';
import { useActions, useApp, useT } from '../state/app-context';
import { visibleConversations } from '../store/conversations-slice';

function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function RenameForm({ conversation, done }: { conversation: ConversationSummary; done: () => void }) {
  const t = useT();
  const actions = useActions();
  const [title, setTitle] = useState(conversation.title || conversation.preview);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void actions.conversations.rename(conversation.id, title).then(done);
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') done();
  };
  return (
    <form className="rename" onSubmit={submit}>
      <input aria-label={t('conversations.name')} value={title} maxLength={120} autoFocus onChange={(e) => setTitle(e.target.value)} onKeyDown={escape} />
      <button type="submit">{t('conversations.save')}</button>
      <button type="button" className="secondary" onClick={done}>
        {t('conversations.cancel')}
      </button>
    </form>
  );
}

export function ConversationsPanel() {
  const t = useT();
  const actions = useActions();
  const all = useApp((s) => s.conversations);
  const pending = useApp((s) => s.pendingDelete);
  const query = useApp((s) => s.searchQuery);
  const hits = useApp((s) => s.searchHits);
  const historyLength = useApp((s) => s.history.length);
  const connection = useApp((s) => s.connection);
  const [renaming, setRenaming] = useState(false);
  const list = visibleConversations(all, pending);
  const current = list.find((c) => c.current) ?? null;
  const untitled = t('conversations.untitled');
  const date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short' });

  // A finished turn changes the list (a new first line, a count, the order).
  useEffect(() => {
    if (connection === 'open') void actions.conversations.refresh();
  }, [actions, historyLength, connection]);

  const exportAs = (format: ExportFormat) => {
    if (!current) return;
    const labels = { you: t('conversation.you'), assistant: t('conversation.assistant'), untitled, cut: t('conversation.cut') };
    void actions.conversations.exportConversation(current.id, format, labels).then((file) => file && saveFile(file.name, file.type, file.text));
  };

  return (
    <nav className="conversations" aria-labelledby="conversations-title">
      <div className="conversations-head">
        <h2 id="conversations-title">{t('conversations.title')}</h2>
        <button type="button" onClick={() => void actions.conversations.startNew()}>
          {t('conversations.new')}
        </button>
      </div>
      <input
        type="search"
        className="conversations-search"
        aria-label={t('conversations.search')}
        placeholder={t('conversations.searchPlaceholder')}
        value={query}
        onChange={(e) => void actions.conversations.search(e.target.value)}
      />
      {pending && (
        <div className="undo" role="status">
          <span>{t('conversations.deleted', { title: pending.title || untitled })}</span>
          <button type="button" className="secondary" onClick={() => void actions.conversations.undoRemove()}>
            {t('conversations.undo')}
          </button>
        </div>
      )}
      {hits !== null ? (
        <section aria-label={t('conversations.results')}>
          {hits.length === 0 ? (
            <p className="empty">{t('conversations.noResults')}</p>
          ) : (
            <ul className="conversation-list">
              {hits.map((hit) => (
                <li key={hit.turn.id}>
                  <button type="button" className="conversation-item" onClick={() => void actions.conversations.open(hit.conversationId).then(() => actions.conversations.search(''))}>
                    <span className="conversation-name">{hit.conversationTitle || untitled}</span>
                    <span className="conversation-snippet">{hit.turn.transcript}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : list.length === 0 ? (
        <p className="empty">{t('conversations.empty')}</p>
      ) : (
        <ul className="conversation-list">
          {list.map((c) => (
            <li key={c.id}>
              <button type="button" className="conversation-item" aria-current={c.current ? 'true' : undefined} onClick={() => void actions.conversations.open(c.id)}>
                <span className="conversation-name">{c.title || c.preview || untitled}</span>
                <time className="when" dateTime={new Date(c.updatedAt).toISOString()}>
                  {date.format(c.updatedAt)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && hits === null && (
        <div className="conversation-tools" role="group" aria-label={t('conversations.tools')}>
          {renaming ? (
            <RenameForm conversation={current} done={() => setRenaming(false)} />
          ) : (
            <>
              <button type="button" className="secondary" onClick={() => setRenaming(true)}>
                {t('conversations.rename')}
              </button>
              <button type="button" className="secondary" disabled={current.turns === 0} onClick={() => exportAs('markdown')}>
                {t('conversations.exportMarkdown')}
              </button>
              <button type="button" className="secondary" disabled={current.turns === 0} onClick={() => exportAs('json')}>
                {t('conversations.exportJson')}
              </button>
              <button type="button" className="secondary danger" onClick={() => void actions.conversations.remove(current.id)}>
                {t('conversations.delete')}
              </button>
            </>
          )}
        </div>
      )}
    </nav>
  );
}
