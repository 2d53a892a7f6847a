// The vector matrix of one embedding model, kept in step with knowledge.db. The first search reads
// every vector once; after that only what changed is read, from the changes log (removed chunk
// ids and newly stored vectors) and the chunks added past the highest id seen — ids are never
// reused, so those are exactly the new ones. Reloading 100 k × 768 vectors after every ingest
// stalled search for a minute under load; following the log costs what changed. A reader that
// fell so far behind that the log was pruned past it reloads in full.
import type { Database } from 'better-sqlite3';
import { blobToVector } from '../store/embedding-vectors';
import { VectorMatrix } from './vector-matrix';

interface Row {
  id: number;
  vector: Buffer | null;
}

export class LiveVectors {
  readonly #db: Database;
  readonly model: string;
  #matrix: VectorMatrix | null = null;
  #version = -1;
  #seq = 0;
  #lastChunk = 0;
  /** Chunks with no vector from this model yet: a vector stored later for their text adds them. */
  readonly #missing = new Map<string, Set<number>>();
  readonly #missingHash = new Map<number, string>();
  /** Full loads so far (tests: an update must not reload). */
  loads = 0;

  constructor(db: Database, model: string) {
    this.#db = db;
    this.model = model;
  }

  /** The matrix for this index version; null while no chunk has a vector from the model. */
  sync(version: number): VectorMatrix | null {
    if (version === this.#version) return this.#matrix;
    this.#db.transaction(() => {
      const maxSeq = (this.#db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").pluck().get() as number | undefined) ?? 0;
      const minSeq = (this.#db.prepare('SELECT min(seq) FROM changes').pluck().get() as number | null) ?? maxSeq + 1;
      const pruned = minSeq > this.#seq + 1 && maxSeq > this.#seq;
      if (this.#version < 0 || pruned) this.#reload();
      else this.#follow();
      this.#seq = maxSeq;
    })();
    this.#version = version;
    return this.#matrix;
  }

  #reload(): void {
    this.loads += 1;
    this.#matrix = null;
    this.#missing.clear();
    this.#missingHash.clear();
    this.#lastChunk = 0;
    this.#addChunksAfter(0);
  }

  #follow(): void {
    const removed = this.#db.prepare('SELECT chunk_id FROM changes WHERE seq > ? AND chunk_id IS NOT NULL').pluck().all(this.#seq) as number[];
    for (const id of removed) {
      this.#matrix?.remove(id);
      const hash = this.#missingHash.get(id);
      if (hash === undefined) continue;
      this.#missingHash.delete(id);
      const ids = this.#missing.get(hash);
      ids?.delete(id);
      if (ids?.size === 0) this.#missing.delete(hash);
    }
    this.#addChunksAfter(this.#lastChunk);
    const stored = this.#db.prepare('SELECT DISTINCT text_hash FROM changes WHERE seq > ? AND model = ?').pluck().all(this.#seq, this.model) as string[];
    const vectorOf = this.#db.prepare('SELECT vector FROM embeddings WHERE text_hash = ? AND model = ?').pluck();
    for (const hash of stored) {
      const waiting = this.#missing.get(hash);
      if (!waiting) continue;
      this.#missing.delete(hash);
      for (const id of waiting) this.#missingHash.delete(id);
      const vector = blobToVector(vectorOf.get(hash, this.model) as Buffer | null);
      if (vector) for (const id of waiting) this.#add(id, vector);
    }
  }

  #addChunksAfter(after: number): void {
    const rows = this.#db
      .prepare('SELECT c.id, c.text_hash AS hash, e.vector FROM chunks c LEFT JOIN embeddings e ON e.text_hash = c.text_hash AND e.model = ? WHERE c.id > ? ORDER BY c.id')
      .iterate(this.model, after) as Iterable<Row & { hash: string }>;
    for (const row of rows) {
      this.#lastChunk = row.id;
      const vector = blobToVector(row.vector);
      if (vector) this.#add(row.id, vector);
      else {
        const ids = this.#missing.get(row.hash) ?? new Set<number>();
        ids.add(row.id);
        this.#missing.set(row.hash, ids);
        this.#missingHash.set(row.id, row.hash);
      }
    }
  }

  #add(id: number, vector: Float32Array): void {
    this.#matrix ??= new VectorMatrix(vector.length);
    this.#matrix.add(id, vector);
  }
}
