// The "Conversations" list: every conversation (newest first), the one waiting to be deleted (its
// undo still open), and what a search found.
import type { StateCreator } from 'zustand/vanilla';
import type { ConversationSummary, HistorySearchHit } from '../../../shared/records';

export interface PendingDelete {
  id: string;
  title: string;
}

export interface ConversationsSlice {
  conversations: ConversationSummary[];
  pendingDelete: PendingDelete | null;
  searchQuery: string;
  searchHits: HistorySearchHit[] | null;
  /** A finished turn of the conversation left behind, no longer shown as the live turn. */
  leftTurnId: string | null;
  setConversations(list: ConversationSummary[]): void;
  setPendingDelete(pending: PendingDelete | null): void;
  setSearch(query: string, hits: HistorySearchHit[] | null): void;
  setLeftTurnId(turnId: string | null): void;
}

export const createConversationsSlice: StateCreator<ConversationsSlice, [], [], ConversationsSlice> = (set) => ({
  conversations: [],
  pendingDelete: null,
  searchQuery: '',
  searchHits: null,
  leftTurnId: null,
  setLeftTurnId: (leftTurnId) => set({ leftTurnId }),
  setConversations: (conversations) => set({ conversations }),
  setPendingDelete: (pendingDelete) => set({ pendingDelete }),
  setSearch: (searchQuery, searchHits) => set({ searchQuery, searchHits }),
});

/** The list as shown: without the one whose deletion can still be undone. */
export function visibleConversations(list: readonly ConversationSummary[], pending: PendingDelete | null): ConversationSummary[] {
  return pending ? list.filter((c) => c.id !== pending.id) : [...list];
}
