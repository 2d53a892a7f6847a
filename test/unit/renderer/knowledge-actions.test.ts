import { describe, expect, it } from 'vitest';
import { createKnowledgeActions, followKnowledge } from '../../../src/renderer/src/knowledge/knowledge-actions';
import { createKnowledgeStore } from '../../../src/renderer/src/knowledge/store/knowledge-store';
import type { ErrorInfo } from '../../../src/shared/errors';
import type { KnowledgeProgress } from '../../../src/shared/knowledge';
import type { TurnEvent } from '../../../src/shared/turn';
import { FakeBridge, ok } from './support/fake-bridge';

const SOURCE = { path: '/home/ana/docs', files: 2, chunks: 5, state: 'indexed' as const };
const progress = (phase: KnowledgeProgress['phase']): KnowledgeProgress => ({ phase, filesDone: 2, filesTotal: 2, chunks: 5, embedded: 0, toEmbed: 0, etaMs: 0, paused: false, skipped: [], keywordOnly: true });

function setup() {
  const bridge = new FakeBridge();
  const store = createKnowledgeStore();
  const reported: ErrorInfo[] = [];
  const actions = createKnowledgeActions(bridge, store, (e) => reported.push(e));
  followKnowledge(bridge, store, actions);
  return { bridge, store, actions, reported };
}

describe('the Documents panel’s actions', () => {
  it('reads the list again when indexing ends, so the counts are current', async () => {
    const { bridge, store } = setup();
    bridge.handlers.set('knowledge.list', () => ok([SOURCE]));
    bridge.emit('knowledge.progress', progress('indexing'));
    expect(bridge.names()).toEqual([]);
    bridge.emit('knowledge.progress', progress('done'));
    await Promise.resolve();
    await Promise.resolve();
    expect(bridge.names()).toEqual(['knowledge.list']);
    expect(store.getState().sources).toEqual([SOURCE]);
    expect(store.getState().progress?.phase).toBe('done');
  });

  it('hands a refused path back to the field instead of a banner', async () => {
    const { bridge, actions, reported } = setup();
    const refusal: ErrorInfo = { code: 'invalid_input', message: 'Nothing was found at /nope; check the spelling.' };
    bridge.handlers.set('knowledge.add', () => ({ ok: false, error: refusal }));
    expect(await actions.add(['/nope'])).toEqual(refusal);
    expect(reported).toEqual([]);
  });

  it('remembers which documents each finished reply quoted', () => {
    const { bridge, store } = setup();
    const sources = [{ path: '/home/ana/docs/espresso.md', heading: 'Descaling', page: null }];
    bridge.emit('turn', { type: 'done', turnId: 't1', result: { sources } } as unknown as TurnEvent);
    bridge.emit('turn', { type: 'done', turnId: 't2', result: {} } as unknown as TurnEvent);
    expect(store.getState().quoted).toEqual({ t1: sources });
  });

  it('shows paused after a pause main applied, and not after one with nothing running', async () => {
    const { bridge, store, actions } = setup();
    bridge.handlers.set('knowledge.control', () => ok({ applied: true }));
    await actions.control('pause');
    expect(store.getState().paused).toBe(true);
    await actions.control('resume');
    expect(store.getState().paused).toBe(false);
    bridge.handlers.set('knowledge.control', () => ok({ applied: false }));
    await actions.control('pause');
    expect(store.getState().paused).toBe(false);
  });
  it('reads the saved sources of replies shown from history in one request, once per reply', async () => {
    const { bridge, store, actions } = setup();
    const espresso = { path: '/home/ana/docs/espresso.md', heading: 'Descaling', page: null };
    const asked: string[][] = [];
    bridge.handlers.set('knowledge.quoted', (params) => {
      asked.push((params as { turnIds: string[] }).turnIds);
      return ok({ t1: [espresso] });
    });
    actions.loadQuoted('t1');
    actions.loadQuoted('t2');
    actions.loadQuoted('t1');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([['t1', 't2']]);
    expect(store.getState().quoted).toEqual({ t1: [espresso] });
    actions.loadQuoted('t2');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toHaveLength(1);
  });
});
