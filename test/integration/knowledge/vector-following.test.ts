// The vector matrix follows the index as it changes (new files, vectors stored later, removed
// files) without reading every vector again, and the app's search worker answers like the
// in-thread search — or, when the worker cannot run, the search is answered in this thread.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalRanker } from '../../../src/main/core/knowledge/candidate-ranker';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import type { Embedder } from '../../../src/main/core/store/embedder';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { fakeEmbedding } from '../../support/fake-ollama';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

const embedder: Embedder = { id: 'test:bag', embed: async (batch) => batch.map((t) => Float32Array.from(fakeEmbedding(t, 64))) };
const vectorOf = (text: string): Float32Array => Float32Array.from(fakeEmbedding(text, 64));

describe('Vector search following the index', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  const open: KnowledgeService[] = [];
  const service = (options: { embedder?: Embedder | null; worker?: Parameters<typeof openKnowledge>[0]['searchWorker']; logger?: ReturnType<typeof recordingLogger> } = {}): KnowledgeService => {
    const e = options.embedder === undefined ? embedder : options.embedder;
    const s = openKnowledge({
      dataDir: data.dir,
      settings: DEFAULT_SETTINGS.knowledge,
      clock: new FakeClock(),
      logger: options.logger ?? recordingLogger(),
      ollamaHost: null,
      embedders: { ingest: e, query: e },
      searchWorker: options.worker,
    });
    open.push(s);
    return s;
  };
  const pathsOf = (s: KnowledgeService, ids: readonly number[]): string[] => s.index.chunks(ids).map((c) => c.path);

  beforeEach(() => {
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    writeFileSync(join(docs.dir, 'espresso.md'), '# Espresso\n\nDescale the espresso machine every two months with citric acid.');
    writeFileSync(join(docs.dir, 'garden.txt'), 'Water the tomato plants early in the morning.');
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    data.remove();
    docs.remove();
  });

  const ask = (ranker: LocalRanker, question: string): number[] =>
    ranker.rankNow({ query: 'zzzz', vector: vectorOf(question), model: embedder.id, candidates: 5, minSimilarity: 0.3 }).vectorIds ?? [];

  it('finds a file added after the first search, and forgets a removed one, without reloading', async () => {
    const s = service();
    await s.ingest.add([docs.dir]);
    const ranker = new LocalRanker(s.index);
    expect(pathsOf(s, ask(ranker, 'descale espresso machine'))[0]).toBe(join(docs.dir, 'espresso.md'));

    const bicycle = join(docs.dir, 'bicycle.md');
    writeFileSync(bicycle, 'Oil the bicycle chain after riding in the rain.');
    await s.ingest.add([bicycle]);
    expect(pathsOf(s, ask(ranker, 'oil bicycle chain rain'))[0]).toBe(bicycle);

    const espressoIds = ask(ranker, 'descale espresso machine').filter((id) => pathsOf(s, [id])[0] === join(docs.dir, 'espresso.md'));
    expect(espressoIds.length).toBeGreaterThan(0);
    s.index.remove(join(docs.dir, 'espresso.md'));
    expect(ask(ranker, 'descale espresso machine').filter((id) => espressoIds.includes(id))).toEqual([]);
    expect(ranker.fullLoads).toBe(1);
  });

  it('adds chunks whose vectors were stored after the chunks themselves', async () => {
    const keywordOnly = service({ embedder: null });
    await keywordOnly.ingest.add([docs.dir]);
    const s = service();
    const ranker = new LocalRanker(s.index);
    expect(ranker.rankNow({ query: 'tomato', vector: vectorOf('water tomato plants'), model: embedder.id, candidates: 5, minSimilarity: 0.3 }).vectorIds).toBeNull();
    await s.ingest.embedMissing();
    expect(pathsOf(s, ask(ranker, 'water tomato plants'))[0]).toBe(join(docs.dir, 'garden.txt'));
    expect(ranker.fullLoads).toBe(1);
  });

  it('answers from the search worker as it does in this thread', async () => {
    const local = service();
    await local.ingest.add([docs.dir]);
    const inWorker = service({ worker: true });
    const question = 'How often should I descale the espresso machine?';
    const fromWorker = await inWorker.search.searchWithVector(question, vectorOf(question));
    expect(fromWorker.mode).toBe('hybrid');
    expect(fromWorker.results).toEqual((await local.search.searchWithVector(question, vectorOf(question))).results);
    expect(fromWorker.results[0]!.path).toBe(join(docs.dir, 'espresso.md'));
  });

  it('still answers when the search worker cannot start, and says why in the log', async () => {
    const logger = recordingLogger();
    const broken = (): Worker => new Worker('throw new Error("no worker here")', { eval: true });
    const s = service({ worker: broken, logger });
    await s.ingest.add([docs.dir]);
    const found = await s.search.search('tomato plants');
    expect(found.results[0]!.path).toBe(join(docs.dir, 'garden.txt'));
    expect(logger.lines.some((l) => l.level === 'warn' && /search worker/.test(l.message))).toBe(true);
  });
});
