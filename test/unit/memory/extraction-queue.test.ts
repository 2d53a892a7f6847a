import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/core/platform/logger';
import type { ExtractionBacklog } from '../../../src/main/core/memory/extraction-backlog';
import { ExtractionQueue } from '../../../src/main/core/memory/extraction-queue';
import type { HistoryTurn } from '../../../src/main/core/store/types';
import { turn } from '../../support/store-fixtures';

const aboutMe = (n: number) => turn(n, { transcript: `I have ${n} cats at home` });

describe('ExtractionQueue', () => {
  it('extracts several turns per call, in calls of up to batchSize turns', async () => {
    const batches: HistoryTurn[][] = [];
    const facts: string[] = [];
    const queue = new ExtractionQueue({
      extract: async (turns) => {
        batches.push([...turns]);
        return turns.map((t) => `fact from ${t.id}`);
      },
      onFacts: (found) => void facts.push(...found),
      logger: silentLogger,
      batchSize: 3,
    });
    for (let n = 1; n <= 6; n++) queue.push(aboutMe(n));
    await queue.flush();
    expect(batches.map((b) => b.length)).toEqual([3, 3]);
    expect(facts).toHaveLength(6);
    queue.dispose();
  });

  it('skips greetings, small talk and unfinished turns without an LLM call', async () => {
    let calls = 0;
    const queue = new ExtractionQueue({ extract: async () => (calls++, []), onFacts: () => {}, logger: silentLogger, batchSize: 1 });
    expect(queue.push(turn(1, { transcript: 'Hello!' }))).toBe(false);
    expect(queue.push(turn(2, { transcript: 'Obrigado', language: 'pt' }))).toBe(false);
    expect(queue.push(turn(3, { transcript: 'I live in Porto', complete: false }))).toBe(false);
    await queue.flush();
    expect(calls).toBe(0);
  });

  it('waits for a quiet spell even when a batch is full, so it never competes with the next turn', async () => {
    let calls = 0;
    const queue = new ExtractionQueue({ extract: async () => (calls++, []), onFacts: () => {}, logger: silentLogger, batchSize: 2, idleMs: 80 });
    for (let n = 1; n <= 3; n++) {
      queue.push(aboutMe(n));
      await new Promise((resolve) => setTimeout(resolve, 30)); // turns keep coming: no extraction yet
    }
    expect(calls).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toBe(2); // then 3 turns in calls of at most 2
    queue.dispose();
  });

  it('extracts a partial batch after a quiet spell', async () => {
    let calls = 0;
    const queue = new ExtractionQueue({ extract: async () => (calls++, []), onFacts: () => {}, logger: silentLogger, batchSize: 5, idleMs: 20 });
    queue.push(aboutMe(1));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(1);
  });

  it('survives a failing extraction and goes on with the next batch', async () => {
    let calls = 0;
    const queue = new ExtractionQueue({
      extract: async () => {
        calls += 1;
        if (calls === 1) throw new Error('model down');
        return ['ok'];
      },
      onFacts: () => {},
      logger: silentLogger,
      batchSize: 1,
    });
    queue.push(aboutMe(1));
    queue.push(aboutMe(2));
    await queue.flush();
    expect(calls).toBe(2);
  });

  it('keeps queued turns in its backlog until they are extracted, and picks them up in a new run', async () => {
    const kept = new Map<string, HistoryTurn>();
    const backlog: ExtractionBacklog = {
      load: () => [...kept.values()],
      add: (id) => void kept.set(id, aboutMe(Number(id.split('-')[1]))),
      remove: (ids) => ids.forEach((id) => kept.delete(id)),
    };
    const first = new ExtractionQueue({ extract: async () => [], onFacts: () => {}, logger: silentLogger, backlog, idleMs: 60_000 });
    first.push(aboutMe(1));
    first.push(turn(2, { transcript: 'Hello!' })); // small talk is not kept
    first.push(aboutMe(3));
    first.dispose(); // quit before the quiet spell
    expect([...kept.keys()]).toEqual(['turn-1', 'turn-3']);

    const batches: string[][] = [];
    const second = new ExtractionQueue({ extract: async (turns) => (batches.push(turns.map((t) => t.id)), []), onFacts: () => {}, logger: silentLogger, backlog, idleMs: 10 });
    expect(second.pending).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toEqual([['turn-1', 'turn-3']]);
    expect(kept.size).toBe(0);
  });

  it('still works, in memory only, when its backlog cannot be read or written', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const broken: ExtractionBacklog = {
      load: () => {
        throw new Error('SQLITE_CORRUPT');
      },
      add: () => {
        throw new Error('SQLITE_FULL');
      },
      remove: () => {},
    };
    let calls = 0;
    const queue = new ExtractionQueue({ extract: async () => (calls++, []), onFacts: () => {}, logger, backlog: broken });
    expect(queue.push(aboutMe(1))).toBe(true);
    await queue.flush();
    expect(calls).toBe(1);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings[0]).toMatch(/backlog could not be read/);
  });

  it('gives Ollama back when the user starts talking: the extraction under way stops and runs again after the next quiet spell', async () => {
    const kept = new Set<string>();
    const backlog: ExtractionBacklog = { load: () => [], add: (id) => void kept.add(id), remove: (ids) => ids.forEach((id) => kept.delete(id)) };
    const seen: Array<{ ids: string[]; aborted: boolean }> = [];
    let first = true;
    const queue = new ExtractionQueue({
      extract: (turns, signal) =>
        new Promise((resolve, reject) => {
          const entry = { ids: turns.map((t) => t.id), aborted: false };
          seen.push(entry);
          if (!first) return resolve(['The user has cats']);
          first = false;
          // A slow model: only an abort ends this call.
          signal?.addEventListener('abort', () => {
            entry.aborted = true;
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          });
        }),
      onFacts: () => {},
      logger: silentLogger,
      backlog,
      batchSize: 4,
      idleMs: 30,
    });
    queue.push(aboutMe(1));
    queue.push(aboutMe(2));
    await new Promise((resolve) => setTimeout(resolve, 50)); // quiet: the extraction starts
    expect(seen).toEqual([{ ids: ['turn-1', 'turn-2'], aborted: false }]);
    queue.interrupt(); // key-down
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen[0]!.aborted).toBe(true);
    expect(queue.pending).toBe(2);
    expect([...kept]).toEqual(['turn-1', 'turn-2']); // not forgotten
    await new Promise((resolve) => setTimeout(resolve, 60)); // the next quiet spell
    expect(seen.map((e) => e.ids)).toEqual([['turn-1', 'turn-2'], ['turn-1', 'turn-2']]);
    expect(kept.size).toBe(0);
    queue.dispose();
  });

  it('a key press restarts the quiet clock before an extraction has begun', async () => {
    let calls = 0;
    const queue = new ExtractionQueue({ extract: async () => (calls++, []), onFacts: () => {}, logger: silentLogger, idleMs: 60 });
    queue.push(aboutMe(1));
    await new Promise((resolve) => setTimeout(resolve, 40));
    queue.interrupt();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toBe(0); // 80 ms since the turn, but only 40 since the press
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
    queue.dispose();
  });
});
