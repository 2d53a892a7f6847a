// Grows an index to a target chunk count with synthetic documents (and, for the vector path,
// random unit vectors under a bench-only embedder id), written straight through KnowledgeIndex.
import type { KnowledgeIndex } from '../src/main/core/knowledge/knowledge-index';
import { corpusVocabulary, hashText, seededRandom, syntheticChunk } from './rag-corpus';

export const BENCH_VECTOR_MODEL = 'bench:random-768';
export const BENCH_DIMS = 768;

export function randomVector(random: () => number, dims = BENCH_DIMS): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = random() * 2 - 1;
  return v;
}

/** Adds synthetic files of 100 chunks each until the index holds `target` chunks. */
export function growIndex(index: KnowledgeIndex, target: number, seed = 7): number {
  const random = seededRandom(seed);
  const vocabulary = corpusVocabulary();
  let file = 0;
  while (index.chunkCount() < target) {
    const n = Math.min(100, target - index.chunkCount());
    const chunks = Array.from({ length: n }, (_, position) => {
      const text = syntheticChunk(vocabulary, random, 500 + Math.floor(random() * 300));
      return { text, heading: null, page: null, position, textHash: hashText(text) };
    });
    index.writeFile({ path: `/synthetic/${seed}/file-${file}.md`, folder: `/synthetic/${seed}`, type: 'md', size: 1, mtimeMs: 0, hash: String(file), chunkPreset: 'balanced', indexedAt: 0 }, chunks);
    file += 1;
  }
  return index.chunkCount();
}

/** Gives every chunk without one a random vector under the bench model id. */
export function addRandomVectors(index: KnowledgeIndex, seed = 11): void {
  const random = seededRandom(seed);
  const hashes = index.unembeddedHashes(BENCH_VECTOR_MODEL);
  for (let from = 0; from < hashes.length; from += 2000) {
    index.saveEmbeddings(BENCH_VECTOR_MODEL, hashes.slice(from, from + 2000).map((textHash) => ({ textHash, vector: randomVector(random) })));
  }
}
