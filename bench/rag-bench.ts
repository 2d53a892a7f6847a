// `npm run bench:rag [-- --chunks 100000 --files 1000 --json --llm-host URL]`: document knowledge.
// Indexing throughput (files/s, chunks/s) and the cost of re-adding an unchanged folder; search
// p50/p95 uncached and cached, keyword-only and hybrid (the query's embedding call excluded: it is
// measured separately when --llm-host has an embedding model); context build cached vs not;
// recall@5 and MRR on the labelled README set at 1 k and at the target size; the search worker's
// round trip and the main thread's longest stall meanwhile; what document recall adds to a voice
// turn; the cost of following one more file; how many of the exact 40 nearest vectors the
// approximate scan finds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openKnowledge, type KnowledgeService } from '../src/main/core/knowledge/knowledge-service';
import type { Embedder } from '../src/main/core/store/embedder';
import { OllamaEmbedder } from '../src/main/core/store/ollama-embedder';
import { systemClock } from '../src/main/core/platform/clock';
import { silentLogger } from '../src/main/core/platform/logger';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { p50p95 } from './percentiles';
import { writeBulkFolder, writeLabelledCorpus, seededRandom } from './rag-corpus';
import { measureQuality, type Quality } from './rag-quality';
import { LABELLED_QUESTIONS } from './rag-questions';
import { addRandomVectors, BENCH_VECTOR_MODEL, growIndex, randomVector } from './rag-scale';
import { measureDocumentTurn, measureUpdate, measureWorker, vectorRecall } from './rag-speed';

const { values } = parseArgs({
  options: { chunks: { type: 'string', default: '100000' }, files: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false }, 'llm-host': { type: 'string' } },
});
const target = Number(values.chunks);
const fileCount = Number(values.files);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const root = mkdtempSync(join(tmpdir(), 'earshot-rag-bench-'));

function open(dir: string, embedder: Embedder | null): KnowledgeService {
  return openKnowledge({ dataDir: dir, settings: DEFAULT_SETTINGS.knowledge, clock: systemClock, logger: silentLogger, ollamaHost: null, embedders: { ingest: embedder, query: embedder } });
}

/**
 * Wall time per call, and the process's CPU time per call: on a shared machine the wall time
 * includes waiting for a core, the CPU time is what the search itself cost.
 */
async function timeEach(items: readonly string[], rounds: number, run: (q: string) => Promise<unknown> | unknown): Promise<{ p50: number; p95: number; cpuP50: number; cpuP95: number }> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of items) {
      const t = performance.now();
      const c = process.cpuUsage();
      await run(q);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const c = p50p95(cpu)!;
  return { ...p50p95(times)!, cpuP50: c.p50, cpuP95: c.p95 };
}

const questions = LABELLED_QUESTIONS.map((q) => q.question);
const report: Record<string, unknown> = { machine: { note: 'shared 2-core machine under load from other work: absolute times are inflated' } };

async function main(): Promise<void> {
try {
  // 1. Indexing throughput and the unchanged re-add, on a folder of mixed formats.
  const bulk = writeBulkFolder(join(root, 'bulk'), fileCount);
  const bulkService = open(join(root, 'bulk-data'), null);
  let t = performance.now();
  const first = await bulkService.ingest.add([bulk]);
  const indexMs = performance.now() - t;
  t = performance.now();
  const again = await bulkService.ingest.add([bulk]);
  const reAddMs = performance.now() - t;
  bulkService.close();
  report.indexing = { files: first.files, chunks: first.chunks, seconds: indexMs / 1000, filesPerSecond: first.files / (indexMs / 1000), chunksPerSecond: first.chunks / (indexMs / 1000), unchangedReAddSeconds: reAddMs / 1000, unchangedFiles: again.unchanged };
  log(`indexing: ${JSON.stringify(report.indexing)}`);

  // 2. The labelled corpus, grown to 1 k chunks and then to the target.
  const corpus = writeLabelledCorpus(join(root, 'corpus'));
  const randomEmbedder: Embedder = { id: BENCH_VECTOR_MODEL, embed: async (texts) => texts.map(() => randomVector(queryRandom)) };
  const queryRandom = seededRandom(99);
  const service = open(join(root, 'data'), null);
  await service.ingest.add([corpus]);
  const corpusChunks = service.index.chunkCount();
  const searchRandom = open(join(root, 'data'), randomEmbedder);
  const sizes: Record<string, unknown> = {};
  for (const size of [1000, target]) {
    growIndex(service.index, size);
    const keywordQuality: Quality = await measureQuality(service.search, LABELLED_QUESTIONS);
    t = performance.now();
    addRandomVectors(service.index);
    const vectorWriteMs = performance.now() - t;
    t = performance.now();
    await searchRandom.search.preload();
    const matrixLoadMs = performance.now() - t;
    const vectorFor = (): Float32Array => randomVector(queryRandom);
    const keyword = await timeEach(questions, 3, (q) => service.search.searchWithVector(q, null));
    const hybrid = await timeEach(questions, 3, (q) => searchRandom.search.searchWithVector(q, vectorFor()));
    await timeEach(questions, 1, (q) => searchRandom.search.search(q));
    const cached = await timeEach(questions, 3, (q) => searchRandom.search.search(q));
    const contextCold = await timeEach(questions, 1, (q) => searchRandom.search.context(`${q} (cold)`));
    const contextCached = await timeEach(questions, 3, (q) => searchRandom.search.context(`${q} (cold)`));
    const worker = await measureWorker(join(root, 'data'), randomEmbedder, questions, vectorFor);
    const documentTurn = await measureDocumentTurn(join(root, 'data'), BENCH_VECTOR_MODEL, questions);
    const update = await measureUpdate(service.index, searchRandom.search, vectorFor);
    sizes[String(size)] = {
      chunks: service.index.chunkCount(),
      recallAt5Keyword: keywordQuality.recallAt5,
      mrrKeyword: keywordQuality.mrr,
      keywordMissed: keywordQuality.misses,
      searchKeywordMs: keyword,
      searchHybridMs: hybrid,
      searchCachedMs: cached,
      contextUncachedMs: contextCold,
      contextCachedMs: contextCached,
      vectorMatrixLoadMs: Math.round(matrixLoadMs),
      vectorWriteMs: Math.round(vectorWriteMs),
      vectorRecallAt40VsExact: vectorRecall(searchRandom.index, BENCH_VECTOR_MODEL, seededRandom(123)),
      worker,
      documentTurn,
      update,
    };
    log(`${size} chunks: ${JSON.stringify(sizes[String(size)])}`);
  }
  report.corpus = { files: LABELLED_QUESTIONS.length > 0 ? 24 : 0, chunks: corpusChunks, questions: LABELLED_QUESTIONS.length };
  report.sizes = sizes;

  // 3. Real embeddings, when an Ollama with the embedding model is given.
  if (values['llm-host']) {
    const ollama = new OllamaEmbedder({ host: values['llm-host'], model: DEFAULT_SETTINGS.knowledge.embeddingModel, clock: systemClock, logger: silentLogger, timeoutMs: 120_000 });
    const real = open(join(root, 'real'), ollama);
    await real.ingest.add([corpus]);
    const times: number[] = [];
    const vectorOf = async (q: string): Promise<Float32Array | null> => {
      const s = performance.now();
      const v = (await ollama.embed([q]))?.[0] ?? null;
      times.push(performance.now() - s);
      return v;
    };
    const hybridQuality = await measureQuality(real.search, LABELLED_QUESTIONS, vectorOf);
    report.embeddings = times.some(Boolean) ? { recallAt5Hybrid: hybridQuality.recallAt5, mrrHybrid: hybridQuality.mrr, queryEmbedMs: p50p95(times), missed: hybridQuality.misses } : { note: 'no embedding model answered' };
    real.close();
  }
  searchRandom.close();
  service.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(report, null, values.json ? 0 : 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`rag benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
