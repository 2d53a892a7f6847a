// The vector matrix follows the index as it changes (new files, vectors stored later, removed
// files) without reading every vector again, and the app's search worker answers like the
// in-thread search — or, when the worker cannot run, the search is answered in this thread.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalRanker } from '../../../src/main/core/knowledge/candidate-ranker';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import { spawnSearchWorker, type SpawnSearchWorker } from '../../../src/main/core/knowledge/search-worker-client';
import type { SearchWorkerRequest } from '../../../src/main/core/knowledge/search-worker-protocol';
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

  /** Real search workers, numbered as they start, with what each was sent and when it answered. */
  function watchedWorkers(): { spawn: SpawnSearchWorker; events: string[]; workers: Worker[] } {
    const real = spawnSearchWorker();
    const events: string[] = [];
    const workers: Worker[] = [];
    const spawn: SpawnSearchWorker = (init) => {
      const worker = real(init);
      const n = workers.push(worker) - 1;
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message: SearchWorkerRequest) => {
        events.push(`worker ${n} asked ${message.type === 'rank' ? message.part : message.type === 'preload' ? `preload ${message.model ?? 'nothing'}` : message.type}`);
        post(message);
      };
      worker.on('message', () => events.push(`worker ${n} answered`));
      return worker;
    };
    return { spawn, events, workers };
  }

  it('asks for the keyword and vector scans on two workers at once, and fuses them as the in-thread search does', async () => {
    const local = service();
    await local.ingest.add([docs.dir]);
    const watched = watchedWorkers();
    const inWorkers = service({ worker: watched.spawn });
    const question = 'How often should I descale the espresso machine?';
    const found = await inWorkers.search.searchWithVector(question, vectorOf(question));
    expect(found.results).toEqual((await local.search.searchWithVector(question, vectorOf(question))).results);
    expect(found.mode).toBe('hybrid');
    // Both questions are out before either answer is in: neither scan waits for the other.
    expect(watched.events.slice(0, 2).sort()).toEqual(['worker 0 asked keywords', 'worker 1 asked vectors']);
    expect(watched.events.slice(2).sort()).toEqual(['worker 0 answered', 'worker 1 answered']);

    // A keyword-only search leaves the vector worker alone.
    watched.events.length = 0;
    const keywordOnly = await inWorkers.search.searchWithVector('tomato plants', null);
    expect(keywordOnly.results[0]!.path).toBe(join(docs.dir, 'garden.txt'));
    expect(watched.events).toEqual(['worker 0 asked keywords', 'worker 0 answered']);
  });

  it('starts both workers ahead of the first question, loading the vectors only in the one that scans them', async () => {
    const s = service();
    await s.ingest.add([docs.dir]);
    const watched = watchedWorkers();
    const inWorkers = service({ worker: watched.spawn });
    await inWorkers.search.preload();
    expect(watched.workers).toHaveLength(2);
    expect(watched.events.filter((e) => e.includes('asked')).sort()).toEqual(['worker 0 asked preload nothing', `worker 1 asked preload ${embedder.id}`]);
  });

  it('answers by keywords for now when the vector worker dies, without keeping that answer, and scans vectors again on a fresh worker', async () => {
    const logger = recordingLogger();
    const real = spawnSearchWorker();
    let started = 0;
    // The second worker to start (the first vector worker) dies as soon as it is asked anything.
    const spawn: SpawnSearchWorker = (init) => {
      const worker = real(init);
      if (started++ === 1) worker.postMessage = () => void worker.terminate();
      return worker;
    };
    const local = service();
    await local.ingest.add([docs.dir]);
    const s = service({ worker: spawn, logger });
    const question = 'How often should I descale the espresso machine?';

    const first = await s.search.search(question);
    expect(first).toMatchObject({ mode: 'keyword', provisional: true });
    expect(first.results[0]!.path).toBe(join(docs.dir, 'espresso.md'));
    const warnings = logger.lines.filter((l) => l.level === 'warn' && /search worker/.test(l.message));
    expect(warnings.map((l) => l.fields?.part)).toEqual(['vectors']);

    const again = await s.search.search(question);
    expect(again).toMatchObject({ mode: 'hybrid', cache: 'miss' });
    expect(again.results).toEqual((await local.search.searchWithVector(question, vectorOf(question))).results);
    expect(started).toBe(3);
  });

  it('answers by keywords while the vectors load, without keeping that answer, then by both once they are in', async () => {
    const s = service();
    await s.ingest.add([docs.dir]);
    const real = spawnSearchWorker();
    let started = 0;
    let releaseLoad = (): void => undefined;
    // The vector worker (the second to start) is slow to load: its preload waits for the test.
    const spawn: SpawnSearchWorker = (init) => {
      const worker = real(init);
      if (started++ === 1) {
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: SearchWorkerRequest) => {
          if (message.type === 'preload') releaseLoad = () => post(message);
          else post(message);
        };
      }
      return worker;
    };
    const inWorkers = service({ worker: spawn });
    const loading = inWorkers.search.preload();
    const question = 'How often should I descale the espresso machine?';

    const early = await inWorkers.search.search(question);
    expect(early.mode).toBe('keyword');
    expect(early.provisional).toBe(true);
    expect(early.results[0]!.path).toBe(join(docs.dir, 'espresso.md'));
    const earlyContext = await inWorkers.search.context(question);
    expect(earlyContext.mode).toBe('keyword');

    releaseLoad();
    await loading;
    const later = await inWorkers.search.search(question);
    expect(later).toMatchObject({ mode: 'hybrid', cache: 'miss' });
    expect(later.provisional).toBeUndefined();
    expect(await inWorkers.search.context(question)).toMatchObject({ mode: 'hybrid', cache: 'miss' });
    expect(await inWorkers.search.search(question)).toMatchObject({ mode: 'hybrid', cache: 'hit' });
  });
});
