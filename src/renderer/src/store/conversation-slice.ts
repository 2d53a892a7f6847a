// The conversation history shown in the "Conversation" region, oldest first.
import type { StateCreator } from 'zustand/vanilla';
import type { HistoryEntry } from '../../../shared/records';

/** How many past exchanges the page keeps. */
export const HISTORY_SHOWN = 100;

export interface ConversationSlice {
  history: HistoryEntry[];
  setHistory(entries: HistoryEntry[]): void;
  addExchange(entry: HistoryEntry): void;
}

export const createConversationSlice: StateCreator<ConversationSlice, [], [], ConversationSlice> = (set) => ({
  history: [],
  setHistory: (entries) => set({ history: entries.slice(-HISTORY_SHOWN) }),
  addExchange: (entry) =>
    set((s) => ({ history: [...s.history.filter((e) => e.id !== entry.id), entry].slice(-HISTORY_SHOWN) })),
});
