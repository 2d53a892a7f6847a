// What Earshot remembers about the person: each memory can be edited in place or deleted.
import { useState } from 'react';
import type { MemoryItem } from '../../../shared/records';
import { useActions, useApp, useT } from '../state/app-context';

function Memory({ item, n }: { item: MemoryItem; n: number }) {
  const t = useT();
  const actions = useActions();
  const [editing, setEditing] = useState<string | null>(null);
  const inputId = `memory-${item.id}`;

  if (editing !== null) {
    return (
      <li className="memory editing">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void actions.updateMemory(item.id, editing).then((ok) => ok && setEditing(null));
          }}
        >
          <label htmlFor={inputId}>{t('memory.textLabel', { n })}</label>
          <input id={inputId} type="text" value={editing} maxLength={500} autoFocus onChange={(event) => setEditing(event.target.value)} />
          <button type="submit" disabled={editing.trim() === ''}>
            {t('memory.save')}
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(null)}>
            {t('memory.cancel')}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="memory">
      <span className="memory-kind">{t(`memory.kind.${item.kind}`)}</span> <span className="memory-text">{item.text}</span>
      <button type="button" className="secondary" aria-label={t('memory.edit', { n })} onClick={() => setEditing(item.text)}>
        {t('memory.editShort')}
      </button>
      <button type="button" className="secondary" aria-label={t('memory.delete', { n })} onClick={() => void actions.deleteMemory(item.id)}>
        {t('memory.deleteShort')}
      </button>
    </li>
  );
}

export function MemoryList() {
  const t = useT();
  const memories = useApp((s) => s.memories);
  return (
    <div className="memories">
      <h3>{t('memory.title')}</h3>
      {memories.length === 0 ? (
        <p className="empty">{t('memory.empty')}</p>
      ) : (
        <ol>
          {memories.map((item, i) => (
            <Memory key={item.id} item={item} n={i + 1} />
          ))}
        </ol>
      )}
    </div>
  );
}
