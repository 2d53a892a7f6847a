// Search speed figures for the rag benchmark beyond plain timings: the app's search workers (round
// trip, and how long the main thread was held meanwhile), what document recall adds to a voice
// turn, the first search after one more file (the vector matrix follows the index instead of
// reloading), and how closely the sign-bit scan with int8 rescoring matches an exact float32 scan.
import type { Embedder } from '../src/main/core/store/embedder';
import type { KnowledgeIndex } from '../src/main/core/knowledge/knowledge-index';
import { KnowledgeRecall } from '../src/main/core/knowledge/knowledge-recall';
import type { KnowledgeSearch } from '../src/main/core/knowledge/knowledge-search';
import { openKnowledge } from '../src/main/core/knowledge/knowledge-service';
import { VectorMatrix } from '../src/main/core/knowledge/vector-matrix';
import { systemClock } from '../src/main/core/platform/clock';
import { silentLogger } from '../src/main/core/platform/logger';
import { blobToVector, cosineSimilarity } from '../src/main/core/store/embedding-vectors';
import { OllamaEmbedder } from '../src/main/core/store/ollama-embedder';
import { startFakeOllama } from '../test/support/fake-ollama';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { startLagMonitor } from './event-loop-lag';
import { p50p95 } from './percentiles';
import { addRandomVectors, BENCH_DIMS, growIndex } from './rag-scale';

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Hybrid search through the search worker: wall time per search and the main thread's worst stall. */
export async function measureWorker(dataDir: string, embedder: Embedder, questions: readonly string[], vectorFor: () => Float32Array): Promise<Record<string, unknown>> {
  const service = openKnowledge({ dataDir, settings: DEFAULT_SETTINGS.knowledge, clock: systemClock, logger: silentLogger, ollamaHost: null, embedders: { ingest: embedder, query: embedder }, searchWorker: true });
  let t = performance.now();
  await service.search.preload();
  const loadMs = performance.now() - t;
  // One unmeasured round first: the app's launch warm-up runs the frequent questions through the
  // same workers before anyone asks.
  for (const q of questions) await service.search.searchWithVector(q, vectorFor());
  const lag = startLagMonitor(5);
  lag.resume();
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of questions) {
      t = performance.now();
      await service.search.searchWithVector(q, vectorFor());
      times.push(performance.now() - t);
    }
  }
  const stall = lag.stop();
  await service.search.close();
  service.close();
  return { hybridWallMs: p50p95(times), mainThreadLagP99Ms: stall.p99, mainThreadLagMaxMs: stall.max, workerMatrixLoadMs: Math.round(loadMs) };
}

/**
 * What retrieval adds to a voice turn: the turn's own document recall (question embedded over HTTP
 * by the app's Ollama client, both scans on the search workers, passages read and fitted to the
 * budget), timed from the transcript to the passages, each question new to every cache. The turn
 * awaits it beside the memory retrieval, so this is the most it can add. The fake Ollama answers
 * the embedding at once: a real model's compute for a short question comes on top.
 */
export async function measureDocumentTurn(dataDir: string, vectorModel: string, questions: readonly string[]): Promise<Record<string, unknown>> {
  const ollama = await startFakeOllama({ embeddingDimensions: BENCH_DIMS });
  const http = new OllamaEmbedder({ host: ollama.url, clock: systemClock, logger: silentLogger });
  // The stored vectors are filed under the bench's model id; the question's comes over HTTP.
  const embedder: Embedder = { id: vectorModel, embed: (texts, signal) => http.embed(texts, signal) };
  const service = openKnowledge({ dataDir, settings: DEFAULT_SETTINGS.knowledge, clock: systemClock, logger: silentLogger, ollamaHost: null, embedders: { ingest: embedder, query: embedder }, searchWorker: true });
  try {
    await service.search.preload();
    const recall = new KnowledgeRecall({ index: service.index, search: service.search, enabled: () => true, budgetTokens: () => DEFAULT_SETTINGS.knowledge.contextTokens });
    const times: number[] = [];
    let passages = 0;
    // Unmeasured first round, as in measureWorker; its questions differ from the measured ones.
    for (let round = 0; round < 4; round++) {
      for (const q of questions) {
        const t = performance.now();
        const found = await recall.recall(`${q} (${round})`);
        if (round === 0) continue;
        times.push(performance.now() - t);
        passages += found?.passages.length ?? 0;
      }
    }
    const hits = service.search.stats().reduce((n, c) => n + c.hits, 0);
    if (hits > 0) throw new Error(`the document-turn measure hit a cache ${hits} times; every question must be new`);
    return { recallWallMs: p50p95(times), meanPassages: round(passages / times.length) };
  } finally {
    await service.search.close();
    service.close();
    await ollama.close();
  }
}

/** One more 100-chunk file with vectors, then the first hybrid search (which brings the matrix up to date). */
export async function measureUpdate(index: KnowledgeIndex, search: KnowledgeSearch, vectorFor: () => Float32Array): Promise<Record<string, unknown>> {
  const before = index.chunkCount();
  growIndex(index, before + 100, 4242 + before);
  addRandomVectors(index, 4243 + before);
  const t = performance.now();
  await search.searchWithVector('websocket server', vectorFor());
  const firstSearchMs = performance.now() - t;
  const s = performance.now();
  await search.searchWithVector('websocket server', vectorFor());
  return { addedChunks: index.chunkCount() - before, firstSearchAfterMs: round(firstSearchMs), nextSearchMs: round(performance.now() - s) };
}

/**
 * Mean share of the exact 40 nearest rows (float32 cosine over every row) the matrix search
 * returns, over 20 queries drawn from `random` (its own seed, so other measures do not move it).
 */
export function vectorRecall(index: KnowledgeIndex, model: string, random: () => number): number {
  const QUERIES = 20;
  const rows = index.db
    .prepare('SELECT c.id, e.vector FROM chunks c JOIN embeddings e ON e.text_hash = c.text_hash AND e.model = ?')
    .all(model) as { id: number; vector: Buffer }[];
  const vectors = rows.map((r) => blobToVector(r.vector)!);
  const matrix = new VectorMatrix(vectors[0]!.length, rows.length);
  rows.forEach((r, i) => matrix.add(r.id, vectors[i]!));
  let found = 0;
  for (let q = 0; q < QUERIES; q++) {
    const query = Float32Array.from({ length: vectors[0]!.length }, () => random() * 2 - 1);
    const exact = new Set(
      vectors
        .map((v, i) => ({ id: rows[i]!.id, s: cosineSimilarity(v, query) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, 40)
        .map((h) => h.id),
    );
    found += matrix.search(query, 40).filter((h) => exact.has(h.id)).length;
  }
  return Math.round((found / (40 * QUERIES)) * 1000) / 1000;
}
