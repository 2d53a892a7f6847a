// Facts about the user in earshot.db (precious), with their embeddings. Every change bumps a
// generation number stored beside them, so cached retrievals from before the change are never served
// (even when another process — the CLI — made the change).
import type { Database } from 'better-sqlite3';
import { EarshotError } from '../../../shared/errors';
import type { Clock } from '../platform/clock';
import { blobToVector, vectorToBlob } from '../store/embedding-vectors';
import { toStorageError } from '../store/storage-errors';

export type MemoryKind = 'profile' | 'fact';

export interface MemoryFact {
  id: number;
  text: string;
  kind: MemoryKind;
  sourceTurnId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface StoredMemory extends MemoryFact {
  embedding: Float32Array | null;
  embedderId: string | null;
}

interface Row {
  id: number;
  text: string;
  kind: string;
  source_turn_id: string | null;
  embedding: Buffer | null;
  embedder_id: string | null;
  created_at: number;
  updated_at: number;
}

const WHAT = 'your memories';

export class SqliteMemoryStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Changes whenever a memory is added, edited or deleted. */
  generation(): number {
    return this.#run(() => Number(this.#db.prepare("SELECT value FROM meta WHERE key = 'memory_generation'").pluck().get() ?? 0));
  }

  list(): MemoryFact[] {
    return this.withEmbeddings().map(({ embedding: _e, embedderId: _i, ...fact }) => fact);
  }

  withEmbeddings(): StoredMemory[] {
    return this.#run(() =>
      (this.#db.prepare('SELECT * FROM memories ORDER BY id').all() as Row[]).map((r) => ({
        id: r.id,
        text: r.text,
        kind: r.kind === 'profile' ? 'profile' : 'fact',
        sourceTurnId: r.source_turn_id,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        embedding: blobToVector(r.embedding),
        embedderId: r.embedder_id,
      })),
    );
  }

  add(text: string, options: { kind?: MemoryKind; sourceTurnId?: string | null; embedding?: Float32Array | null; embedderId?: string | null } = {}): number {
    const clean = this.#validText(text);
    const now = this.#clock.wallNow();
    return this.#change(() =>
      Number(
        this.#db
          .prepare('INSERT INTO memories (text, kind, source_turn_id, embedding, embedder_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(clean, options.kind ?? 'fact', options.sourceTurnId ?? null, options.embedding ? vectorToBlob(options.embedding) : null, options.embedding ? (options.embedderId ?? null) : null, now, now)
          .lastInsertRowid,
      ),
    );
  }

  /** Replaces a memory's text (its embedding is recomputed on next use). */
  edit(id: number, text: string, kind?: MemoryKind): void {
    const clean = this.#validText(text);
    this.#change(() => {
      const result = this.#db
        .prepare('UPDATE memories SET text = ?, kind = coalesce(?, kind), embedding = NULL, embedder_id = NULL, updated_at = ? WHERE id = ?')
        .run(clean, kind ?? null, this.#clock.wallNow(), id);
      if (result.changes === 0) throw new EarshotError('invalid_input', `There is no memory with id ${id}. List memories to see their ids.`);
    });
  }

  delete(id: number): boolean {
    return this.#change(() => this.#db.prepare('DELETE FROM memories WHERE id = ?').run(id).changes > 0);
  }

  deleteAll(): number {
    return this.#change(() => this.#db.prepare('DELETE FROM memories').run().changes);
  }

  /** Stores a computed embedding; not a change of content, so the generation stays. */
  setEmbedding(id: number, embedding: Float32Array, embedderId: string): void {
    this.#run(() => this.#db.prepare('UPDATE memories SET embedding = ?, embedder_id = ? WHERE id = ?').run(vectorToBlob(embedding), embedderId, id));
  }

  #validText(text: string): string {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean.length === 0 || clean.length > 500) throw new EarshotError('invalid_input', 'A memory must be between 1 and 500 characters long.');
    return clean;
  }

  #change<T>(write: () => T): T {
    return this.#run(() =>
      this.#db.transaction(() => {
        const result = write();
        this.#db
          .prepare("INSERT INTO meta (key, value) VALUES ('memory_generation', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
          .run();
        return result;
      })(),
    );
  }

  #run<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof EarshotError) throw error;
      throw toStorageError(error, WHAT, this.#db.name);
    }
  }
}
