// What the "Conversations" list can ask of main: list, start, open, rename, search, export, and
// delete with a short window to undo — the deletion is only sent when the window closes, so an
// undo loses nothing and needs no way back from main.
import type { RequestName, RequestParams, RequestResults } from '../../../shared/contract';
import { conversationToJson, conversationToMarkdown, exportFileName } from '../../../shared/conversation-export';
import type { AppStore } from '../store/app-store';
import type { ConversationActions } from '../state/conversation-actions-type';

/** How long "Undo" stays offered after a delete. */
export const UNDO_MS = 8_000;

export type Call = <N extends RequestName>(name: N, params: RequestParams<N>) => Promise<RequestResults[N] | null>;

export interface ConversationActionDeps {
  call: Call;
  store: AppStore;
  /** Runs `work` after `ms`; the returned function cancels it. */
  schedule(work: () => void, ms: number): () => void;
}

export function createConversationActions({ call, store, schedule }: ConversationActionDeps): ConversationActions {
  const s = () => store.getState();
  let cancelPending: (() => void) | null = null;
  let reopenOnUndo = false;

  const refresh = async () => {
    const list = await call('history.conversations', {});
    if (list) s().setConversations(list);
  };

  /** Shows another conversation's turns in place of the current one's. */
  const replaceHistory = (turns: Parameters<ReturnType<AppStore['getState']>['setHistory']>[0]) => {
    s().setLeftTurnId(s().turn?.turnId ?? null);
    s().setHistory(turns);
  };

  const show = async (id: string) => {
    const turns = await call('history.show', { id });
    if (turns) replaceHistory(turns);
  };

  /** Sends the delete that is waiting, if any. */
  const commitPending = async () => {
    const pending = s().pendingDelete;
    cancelPending?.();
    cancelPending = null;
    if (!pending) return;
    s().setPendingDelete(null);
    await call('history.delete', { id: pending.id });
    await refresh();
  };

  return {
    refresh,
    startNew: async () => {
      const created = await call('history.new', {});
      if (!created) return;
      replaceHistory([]);
      await refresh();
    },
    open: async (id) => {
      if (!(await call('history.open', { id }))) return;
      await show(id);
      await refresh();
    },
    rename: async (id, title) => {
      const renamed = await call('history.rename', { id, title });
      if (!renamed) return false;
      s().setConversations(s().conversations.map((c) => (c.id === id ? renamed : c)));
      return true;
    },
    remove: async (id) => {
      await commitPending();
      const conversation = s().conversations.find((c) => c.id === id);
      if (!conversation) return;
      s().setPendingDelete({ id, title: conversation.title || conversation.preview });
      cancelPending = schedule(() => void commitPending(), UNDO_MS);
      // The next thing said must not land in a conversation about to be deleted.
      reopenOnUndo = conversation.current;
      if (conversation.current) {
        replaceHistory([]);
        await call('history.new', {});
        await refresh();
      }
    },
    undoRemove: async () => {
      const pending = s().pendingDelete;
      cancelPending?.();
      cancelPending = null;
      if (!pending) return;
      s().setPendingDelete(null);
      if (reopenOnUndo) {
        await call('history.open', { id: pending.id });
        await show(pending.id);
      }
      await refresh();
    },
    search: async (query) => {
      if (query.trim() === '') return s().setSearch(query, null);
      s().setSearch(query, s().searchHits);
      const hits = await call('history.search', { query });
      // A slower answer to an older query must not replace a newer one.
      if (hits && s().searchQuery === query) s().setSearch(query, hits);
    },
    exportConversation: async (id, format, labels) => {
      const conversation = s().conversations.find((c) => c.id === id);
      const turns = await call('history.show', { id });
      if (!conversation || !turns) return null;
      return format === 'json'
        ? { name: exportFileName(conversation, 'json'), type: 'application/json', text: conversationToJson(conversation, turns) }
        : { name: exportFileName(conversation, 'markdown'), type: 'text/markdown', text: conversationToMarkdown(conversation, turns, labels) };
    },
  };
}
