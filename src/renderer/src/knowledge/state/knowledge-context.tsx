// React access to the Knowledge store and actions: a provider at the root, hooks below it.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { KnowledgeActions } from '../knowledge-actions';
import type { KnowledgeState, KnowledgeStore } from '../store/knowledge-store';

interface KnowledgeContextValue {
  store: KnowledgeStore;
  actions: KnowledgeActions;
}

const KnowledgeContext = createContext<KnowledgeContextValue | null>(null);

export function KnowledgeProvider({ store, actions, children }: KnowledgeContextValue & { children: ReactNode }) {
  return <KnowledgeContext.Provider value={{ store, actions }}>{children}</KnowledgeContext.Provider>;
}

function useKnowledgeContext(): KnowledgeContextValue {
  const value = useContext(KnowledgeContext);
  if (!value) throw new Error('KnowledgeProvider is missing');
  return value;
}

/** False where no provider was given (a page or test without documents): show nothing of them. */
export function useHasKnowledge(): boolean {
  return useContext(KnowledgeContext) !== null;
}

export function useKnowledge<T>(selector: (state: KnowledgeState) => T): T {
  return useStore(useKnowledgeContext().store, selector);
}

export function useKnowledgeActions(): KnowledgeActions {
  return useKnowledgeContext().actions;
}
