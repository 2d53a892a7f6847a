// What the Knowledge panel and the source chips ask main for, and the events they follow: indexing
// progress (the list is read again when a run ends) and the sources on each finished turn.
import type { EarshotBridge } from '../../../shared/bridge';
import type { Reply } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import type { KnowledgeSource } from '../../../shared/knowledge';
import type { KnowledgeStore } from './store/knowledge-store';

export interface KnowledgeActions {
  refresh(): Promise<void>;
  /** Resolves to the refusal (bad path) so the field can show it, or null when accepted. */
  add(paths: string[]): Promise<ErrorInfo | null>;
  choose(): Promise<void>;
  remove(path: string): Promise<void>;
  reindex(): Promise<void>;
  control(action: 'pause' | 'resume' | 'cancel'): Promise<void>;
  open(path: string): Promise<void>;
  /**
   * Reads the saved sources of a reply shown from history (after a reload the live 'done' event
   * is gone). Calls in the same tick go as one request; a turn is asked about once.
   */
  loadQuoted(turnId: string): void;
}

const FINISHED = new Set(['done', 'cancelled', 'failed']);

export function createKnowledgeActions(bridge: EarshotBridge, store: KnowledgeStore, report: (error: ErrorInfo) => void): KnowledgeActions {
  const s = () => store.getState();
  const listing = async (reply: Promise<Reply<KnowledgeSource[]>>): Promise<ErrorInfo | null> => {
    const answer = await reply;
    if (!answer.ok) return answer.error;
    s().setSources(answer.value);
    return null;
  };
  const reporting = async (reply: Promise<Reply<KnowledgeSource[]>>): Promise<void> => {
    const error = await listing(reply);
    if (error) report(error);
  };
  const asked = new Set<string>();
  const batch: string[] = [];
  const flushQuoted = async (): Promise<void> => {
    const turnIds = batch.splice(0, 500);
    if (batch.length > 0) queueMicrotask(() => void flushQuoted());
    const reply = await bridge.request('knowledge.quoted', { turnIds });
    // Chips are an extra: a failure leaves the replies without them rather than showing an error.
    if (!reply.ok) return;
    for (const [turnId, sources] of Object.entries(reply.value)) if (!s().quoted[turnId]) s().setQuoted(turnId, sources);
  };
  return {
    loadQuoted: (turnId) => {
      if (asked.has(turnId) || s().quoted[turnId]) return;
      asked.add(turnId);
      batch.push(turnId);
      if (batch.length === 1) queueMicrotask(() => void flushQuoted());
    },
    refresh: () => reporting(bridge.request('knowledge.list', {})),
    add: (paths) => listing(bridge.request('knowledge.add', { paths })),
    choose: () => reporting(bridge.request('knowledge.choose', {})),
    remove: (path) => reporting(bridge.request('knowledge.remove', { path })),
    reindex: () => reporting(bridge.request('knowledge.reindex', {})),
    control: async (action) => {
      const reply = await bridge.request('knowledge.control', { action });
      if (!reply.ok) report(reply.error);
      else if (reply.value.applied && action !== 'cancel') s().setPaused(action === 'pause');
    },
    open: async (path) => {
      const reply = await bridge.request('knowledge.open', { path });
      if (!reply.ok) report(reply.error);
    },
  };
}

/** Follows main's events; returns the function that stops following them. */
export function followKnowledge(bridge: EarshotBridge, store: KnowledgeStore, actions: KnowledgeActions): () => void {
  const offs = [
    bridge.on('knowledge.progress', (progress) => {
      store.getState().setProgress(progress);
      if (FINISHED.has(progress.phase)) void actions.refresh();
    }),
    bridge.on('turn', (event) => {
      if (event.type === 'done' && event.result.sources && event.result.sources.length > 0) store.getState().setQuoted(event.turnId, event.result.sources);
    }),
  ];
  return () => offs.forEach((off) => off());
}
