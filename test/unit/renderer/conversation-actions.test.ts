import { describe, expect, it } from 'vitest';
import type { RequestName, RequestParams, RequestResults } from '../../../src/shared/contract';
import type { ConversationSummary, HistoryEntry, HistorySearchHit } from '../../../src/shared/records';
import { createConversationActions, UNDO_MS } from '../../../src/renderer/src/conversations/conversation-actions';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import { visibleConversations } from '../../../src/renderer/src/store/conversations-slice';
import { FakeBridge, deferred, ok } from './support/fake-bridge';

const summary = (id: string, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({ id, title: '', preview: `first line of ${id}`, createdAt: 1, updatedAt: 1, turns: 1, current: false, ...patch });
const entry = (id: string): HistoryEntry => ({ id, at: 1, transcript: `q ${id}`, reply: `a ${id}`, language: 'en', complete: true });

function setup() {
  const bridge = new FakeBridge();
  const store = createAppStore(['en-US']);
  const timers: { work: () => void; ms: number; cancelled: boolean }[] = [];
  const call = async <N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResults[N] | null> => {
    const reply = await bridge.request(name, params);
    return reply.ok ? reply.value : null;
  };
  const actions = createConversationActions({
    call,
    store,
    schedule: (work, ms) => {
      const timer = { work, ms, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  });
  let list = [summary('c1', { current: true }), summary('c2')];
  bridge.handlers.set('history.conversations', () => ok(list));
  bridge.handlers.set('history.show', (p) => ok([entry(`${(p as { id: string }).id}-t1`)]));
  bridge.handlers.set('history.new', () => ok(summary('c3', { current: true, turns: 0 })));
  bridge.handlers.set('history.delete', (p) => {
    list = list.filter((c) => c.id !== (p as { id: string }).id);
    return ok(null);
  });
  return { bridge, store, actions, timers, fire: () => timers.filter((t) => !t.cancelled).forEach((t) => t.work()) };
}

describe('deleting a conversation', () => {
  it('hides it at once, and Undo brings it back without anything sent to main', async () => {
    const { bridge, store, actions, timers } = setup();
    await actions.refresh();
    store.getState().setHistory([entry('c1-t1')]);
    await actions.remove('c1');
    expect(visibleConversations(store.getState().conversations, store.getState().pendingDelete).map((c) => c.id)).not.toContain('c1');
    // The current one was deleted: what is said next goes to a fresh conversation.
    expect(store.getState().history).toEqual([]);
    expect(bridge.names()).toContain('history.new');
    expect(timers[0]?.ms).toBe(UNDO_MS);

    await actions.undoRemove();
    expect(store.getState().pendingDelete).toBeNull();
    expect(bridge.names()).not.toContain('history.delete');
    expect(bridge.requests.find((r) => r.name === 'history.open')?.params).toEqual({ id: 'c1' });
    expect(store.getState().history.map((e) => e.id)).toEqual(['c1-t1']);
    expect(timers[0]?.cancelled).toBe(true);
  });

  it('deletes it in main when the undo window closes', async () => {
    const { bridge, store, actions, fire } = setup();
    await actions.refresh();
    await actions.remove('c2');
    expect(bridge.names()).not.toContain('history.delete');
    fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(bridge.requests.filter((r) => r.name === 'history.delete').map((r) => r.params)).toEqual([{ id: 'c2' }]);
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['c1']);
    expect(store.getState().pendingDelete).toBeNull();
  });

  it('sends the waiting delete first when another one starts', async () => {
    const { bridge, actions } = setup();
    await actions.refresh();
    await actions.remove('c2');
    await actions.remove('c1');
    expect(bridge.requests.filter((r) => r.name === 'history.delete').map((r) => r.params)).toEqual([{ id: 'c2' }]);
  });
});

describe('search', () => {
  const hit = (id: string): HistorySearchHit => ({ conversationId: 'c1', conversationTitle: 't', turn: entry(id) });

  it('shows what main found, and an older answer never replaces a newer one', async () => {
    const { bridge, store, actions } = setup();
    const slow = deferred<ReturnType<typeof ok<HistorySearchHit[]>>>();
    bridge.handlers.set('history.search', (p) => ((p as { query: string }).query === 'pa' ? slow.promise : ok([hit('paris')])));
    const first = actions.search('pa');
    await actions.search('paris');
    slow.resolve(ok([hit('old')]));
    await first;
    expect(store.getState().searchHits?.map((h) => h.turn.id)).toEqual(['paris']);
    await actions.search('  ');
    expect(store.getState().searchHits).toBeNull();
  });
});
