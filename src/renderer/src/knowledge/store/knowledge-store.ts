// The Knowledge panel's own state: the source list, the indexing run in progress (or its last
// outcome), and the documents each reply quoted, by turn id.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KnowledgeProgress, KnowledgeSource } from '../../../../shared/knowledge';
import type { DocumentSource } from '../../../../shared/turn';

export interface KnowledgeState {
  sources: KnowledgeSource[];
  progress: KnowledgeProgress | null;
  /** The user paused the run (main sends no progress while paused). */
  paused: boolean;
  quoted: Record<string, DocumentSource[]>;
  setSources(sources: KnowledgeSource[]): void;
  setProgress(progress: KnowledgeProgress): void;
  setPaused(paused: boolean): void;
  setQuoted(turnId: string, sources: DocumentSource[]): void;
}

export type KnowledgeStore = StoreApi<KnowledgeState>;

export function createKnowledgeStore(): KnowledgeStore {
  return createStore<KnowledgeState>()((set) => ({
    sources: [],
    progress: null,
    paused: false,
    quoted: {},
    setSources: (sources) => set({ sources }),
    setProgress: (progress) => set({ progress, paused: progress.phase === 'done' || progress.phase === 'cancelled' || progress.phase === 'failed' ? false : progress.paused }),
    setPaused: (paused) => set({ paused }),
    setQuoted: (turnId, sources) => set((s) => ({ quoted: { ...s.quoted, [turnId]: sources } })),
  }));
}
