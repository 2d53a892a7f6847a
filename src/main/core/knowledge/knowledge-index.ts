// The document index in knowledge.db: files with their content hash, chunks with their metadata,
// FTS5 keyword search, embeddings by chunk text hash, and an index version that every change bumps
// so caches keyed by it never answer from a stale index.
import type { Database } from 'better-sqlite3';
import { vectorToBlob } from '../store/embedding-vectors';
import type { DocumentType } from './document-types';
import type { TextChunk } from './text-chunker';

/** Rows of the changes log kept; a vector matrix that fell further behind reloads in full. */
export const CHANGES_KEPT = 500_000;

export interface SearchFilters {
  /** Only files under this folder (absolute path). */
  folder?: string;
  type?: DocumentType;
  /** Only files modified at or after / before these wall-clock times (ms since the epoch). */
  modifiedAfterMs?: number;
  modifiedBeforeMs?: number;
}

export interface IndexedFile {
  path: string;
  folder: string;
  type: DocumentType;
  size: number;
  mtimeMs: number;
  hash: string;
  chunkPreset: string;
  chunkCount: number;
  indexedAt: number;
}

export interface StoredChunk {
  id: number;
  path: string;
  type: DocumentType;
  heading: string | null;
  page: number | null;
  position: number;
  text: string;
  textHash: string;
}

interface FileRow {
  path: string;
  folder: string;
  type: DocumentType;
  size: number;
  mtime_ms: number;
  hash: string;
  chunk_preset: string;
  chunk_count: number;
  indexed_at: number;
}

const toFile = (r: FileRow): IndexedFile => ({
  path: r.path,
  folder: r.folder,
  type: r.type,
  size: r.size,
  mtimeMs: r.mtime_ms,
  hash: r.hash,
  chunkPreset: r.chunk_preset,
  chunkCount: r.chunk_count,
  indexedAt: r.indexed_at,
});

/** The SQL condition and its parameters for a set of filters, on the files table aliased f. */
function filterClause(filters: SearchFilters | undefined): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filters?.folder) {
    const folder = filters.folder.replace(/[\\/]+$/, '');
    parts.push("(f.folder = ? OR f.path LIKE ? ESCAPE '\\')");
    params.push(folder, `${folder.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`);
  }
  if (filters?.type) {
    parts.push('f.type = ?');
    params.push(filters.type);
  }
  if (filters?.modifiedAfterMs !== undefined) {
    parts.push('f.mtime_ms >= ?');
    params.push(filters.modifiedAfterMs);
  }
  if (filters?.modifiedBeforeMs !== undefined) {
    parts.push('f.mtime_ms < ?');
    params.push(filters.modifiedBeforeMs);
  }
  return { sql: parts.length > 0 ? ` AND ${parts.join(' AND ')}` : '', params };
}

export function hasFilters(filters: SearchFilters | undefined): boolean {
  return filterClause(filters).params.length > 0;
}

export class KnowledgeIndex {
  readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  version(): number {
    return Number((this.db.prepare("SELECT value FROM meta WHERE key = 'index_version'").get() as { value: string }).value);
  }

  #bump(): void {
    this.db.prepare("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'index_version'").run();
    // The changes log only has to reach back as far as a live reader lags; one further behind reloads.
    this.db.prepare("DELETE FROM changes WHERE seq <= (SELECT seq FROM sqlite_sequence WHERE name = 'changes') - ?").run(CHANGES_KEPT);
  }

  files(): IndexedFile[] {
    return (this.db.prepare('SELECT * FROM files ORDER BY path').all() as FileRow[]).map(toFile);
  }

  file(path: string): IndexedFile | null {
    const row = this.db.prepare('SELECT * FROM files WHERE path = ?').get(path) as FileRow | undefined;
    return row ? toFile(row) : null;
  }

  /** Replaces a file's chunks (or adds the file) in one transaction. */
  writeFile(file: Omit<IndexedFile, 'chunkCount'>, chunks: readonly (TextChunk & { textHash: string })[]): void {
    this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id FROM files WHERE path = ?').get(file.path) as { id: number } | undefined;
      if (existing) this.db.prepare('DELETE FROM chunks WHERE file_id = ?').run(existing.id);
      const { id } = this.db
        .prepare(
          `INSERT INTO files (path, folder, type, size, mtime_ms, hash, chunk_preset, chunk_count, indexed_at)
           VALUES (@path, @folder, @type, @size, @mtimeMs, @hash, @chunkPreset, @chunkCount, @indexedAt)
           ON CONFLICT(path) DO UPDATE SET folder = excluded.folder, type = excluded.type, size = excluded.size,
             mtime_ms = excluded.mtime_ms, hash = excluded.hash, chunk_preset = excluded.chunk_preset,
             chunk_count = excluded.chunk_count, indexed_at = excluded.indexed_at
           RETURNING id`,
        )
        .get({ ...file, chunkCount: chunks.length }) as { id: number };
      // Ids come from a counter that never goes back, so a removed chunk's id is never reused.
      let next = Number((this.db.prepare("SELECT value FROM meta WHERE key = 'next_chunk_id'").get() as { value: string }).value);
      const insert = this.db.prepare('INSERT INTO chunks (id, file_id, position, heading, page, text, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const c of chunks) insert.run(next++, id, c.position, c.heading, c.page, c.text, c.textHash);
      this.db.prepare("UPDATE meta SET value = ? WHERE key = 'next_chunk_id'").run(String(next));
      this.#bump();
    })();
  }

  /** The file's content is unchanged (same hash) but its size or time moved: remember the new ones. */
  touchFile(path: string, size: number, mtimeMs: number): void {
    this.db.prepare('UPDATE files SET size = ?, mtime_ms = ? WHERE path = ?').run(size, mtimeMs, path);
  }

  /** Removes a file, or every file under a folder; answers how many went. */
  remove(path: string): number {
    const trimmed = path.replace(/[\\/]+$/, '');
    const pattern = `${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    let removed = 0;
    this.db.transaction(() => {
      const ids = this.db.prepare("SELECT id FROM files WHERE path = ? OR path LIKE ? ESCAPE '\\'").all(trimmed, pattern) as { id: number }[];
      const drop = this.db.prepare('DELETE FROM chunks WHERE file_id = ?');
      const dropFile = this.db.prepare('DELETE FROM files WHERE id = ?');
      for (const { id } of ids) {
        drop.run(id);
        dropFile.run(id);
      }
      removed = ids.length;
      if (removed > 0) this.#bump();
    })();
    return removed;
  }

  chunkCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  }

  /** Chunk ids best first by BM25 (headings weigh half as much as text). */
  keywordSearch(match: string, limit: number, filters?: SearchFilters): number[] {
    const { sql, params } = filterClause(filters);
    // Unfiltered, FTS5 ranks its own rowids: joining chunks and files for every match before the
    // sort cost four times as much at 100 k chunks.
    if (params.length === 0) {
      return this.db.prepare('SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, 1.0, 0.5) LIMIT ?').pluck().all(match, limit) as number[];
    }
    const rows = this.db
      .prepare(
        `SELECT c.id FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN files f ON f.id = c.file_id
         WHERE chunks_fts MATCH ?${sql} ORDER BY bm25(chunks_fts, 1.0, 0.5) LIMIT ?`,
      )
      .all(match, ...params, limit) as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** The chunk ids a filter allows, for the vector search; undefined when nothing is filtered. */
  allowedChunkIds(filters?: SearchFilters): Set<number> | undefined {
    const { sql, params } = filterClause(filters);
    if (params.length === 0) return undefined;
    const rows = this.db.prepare(`SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id WHERE 1 = 1${sql}`).all(...params) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  chunks(ids: readonly number[]): StoredChunk[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT c.id, f.path, f.type, c.heading, c.page, c.position, c.text, c.text_hash AS textHash
         FROM chunks c JOIN files f ON f.id = c.file_id WHERE c.id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids) as StoredChunk[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The distinct chunk text hashes with no vector yet from `model`. One scan for a whole embedding
   * pass: asking again per batch would rescan every chunk each time, quadratic in a large first
   * ingest.
   */
  unembeddedHashes(model: string): string[] {
    return this.db
      .prepare('SELECT DISTINCT c.text_hash FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.text_hash = c.text_hash AND e.model = ?)')
      .pluck()
      .all(model) as string[];
  }

  /** One chunk text per hash, in the order asked; a hash whose chunks are gone since is left out. */
  textsOf(hashes: readonly string[]): { textHash: string; text: string }[] {
    const one = this.db.prepare('SELECT text FROM chunks WHERE text_hash = ? LIMIT 1').pluck();
    return hashes.flatMap((textHash) => {
      const text = one.get(textHash) as string | undefined;
      return text === undefined ? [] : [{ textHash, text }];
    });
  }

  /** Chunk texts with no vector yet from `model`, one per distinct text. */
  unembedded(model: string, limit: number): { textHash: string; text: string }[] {
    return this.textsOf(this.unembeddedHashes(model).slice(0, limit));
  }

  saveEmbeddings(model: string, vectors: readonly { textHash: string; vector: Float32Array }[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO embeddings (text_hash, model, vector) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const v of vectors) insert.run(v.textHash, model, vectorToBlob(v.vector));
      this.#bump();
    })();
  }

  embeddedChunkCount(model: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM chunks c JOIN embeddings e ON e.text_hash = c.text_hash AND e.model = ?').get(model) as { n: number }).n;
  }

  recordQuery(query: string, atMs: number): void {
    this.db
      .prepare('INSERT INTO frequent_queries (query, count, last_at) VALUES (?, 1, ?) ON CONFLICT(query) DO UPDATE SET count = count + 1, last_at = excluded.last_at')
      .run(query, atMs);
  }

  frequentQueries(limit: number): string[] {
    return (this.db.prepare('SELECT query FROM frequent_queries ORDER BY count DESC, last_at DESC LIMIT ?').all(limit) as { query: string }[]).map((r) => r.query);
  }

  addCounters(kind: string, hits: number, misses: number): void {
    if (hits === 0 && misses === 0) return;
    this.db
      .prepare('INSERT INTO cache_counters (kind, hits, misses) VALUES (?, ?, ?) ON CONFLICT(kind) DO UPDATE SET hits = hits + excluded.hits, misses = misses + excluded.misses')
      .run(kind, hits, misses);
  }

  counters(): { kind: string; hits: number; misses: number }[] {
    return this.db.prepare('SELECT kind, hits, misses FROM cache_counters ORDER BY kind').all() as { kind: string; hits: number; misses: number }[];
  }
}
