// knowledge.db: the document index. Everything in it can be rebuilt from the files, so a damaged
// one is replaced without asking. Chunks are searched by keywords through FTS5 (BM25) and by
// meaning through embeddings stored per chunk text hash, so an unchanged chunk is never embedded
// twice, even after its file moved.
import { join } from 'node:path';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { openDatabase, type OpenedDatabase } from '../store/database-file';
import type { Migration } from '../store/migrations';

export const KNOWLEDGE_DB_FILE = 'knowledge.db';

export const KNOWLEDGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        folder TEXT NOT NULL,
        type TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        hash TEXT NOT NULL,
        chunk_preset TEXT NOT NULL,
        chunk_count INTEGER NOT NULL,
        indexed_at INTEGER NOT NULL
      );
      CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        heading TEXT,
        page INTEGER,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL
      );
      CREATE INDEX chunks_by_file ON chunks(file_id);
      CREATE INDEX chunks_by_text ON chunks(text_hash);
      CREATE VIRTUAL TABLE chunks_fts USING fts5(
        text, heading, content='chunks', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, text, heading) VALUES (new.id, new.text, coalesce(new.heading, ''));
      END;
      CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
        INSERT INTO chunks_fts(chunks_fts, rowid, text, heading) VALUES ('delete', old.id, old.text, coalesce(old.heading, ''));
      END;
      CREATE TABLE embeddings (
        text_hash TEXT NOT NULL,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (text_hash, model)
      ) WITHOUT ROWID;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta (key, value) VALUES ('index_version', '0');
      CREATE TABLE frequent_queries (query TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at INTEGER NOT NULL);
      CREATE TABLE cache_counters (kind TEXT PRIMARY KEY, hits INTEGER NOT NULL DEFAULT 0, misses INTEGER NOT NULL DEFAULT 0);
    `,
  },
  {
    // What the in-memory vector matrix needs to follow the index without reloading it: chunk ids
    // that are never reused (a reused id would keep a removed chunk's vector), and a log of
    // removed chunks and newly stored vectors, read from the last sequence number seen.
    version: 2,
    up: `
      INSERT INTO meta (key, value) VALUES ('next_chunk_id', (SELECT CAST(coalesce(max(id), 0) + 1 AS TEXT) FROM chunks));
      CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, chunk_id INTEGER, text_hash TEXT, model TEXT);
      CREATE TRIGGER chunks_removed AFTER DELETE ON chunks BEGIN
        INSERT INTO changes (chunk_id) VALUES (old.id);
      END;
      CREATE TRIGGER embeddings_added AFTER INSERT ON embeddings BEGIN
        INSERT INTO changes (text_hash, model) VALUES (new.text_hash, new.model);
      END;
    `,
  },
  {
    // The documents each reply quoted, so its source chips are still there after a reload.
    version: 3,
    up: `
      CREATE TABLE quoted_sources (
        turn_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        path TEXT NOT NULL,
        heading TEXT,
        page INTEGER,
        at INTEGER NOT NULL,
        PRIMARY KEY (turn_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX quoted_by_at ON quoted_sources(at);
    `,
  },
];

/**
 * The largest document index whose every page is read at open (~60 ms in the page cache, ~0.4 s
 * without). A bigger one, 600 MB at 100 k chunks, opens at once and is checked in the background.
 */
export const KNOWLEDGE_PAGE_CHECK_BYTES = 32 * 1024 * 1024;

/**
 * The owner's connection (main thread, one-shot commands) checks the pages of a small index and
 * starts a damaged one again; a worker's second connection ('never') leaves that to the owner.
 */
export function openKnowledgeDatabase(dataDir: string, deps: { clock: Clock; logger: Logger }, pageCheck: 'never' | 'by size' = 'by size'): OpenedDatabase {
  return openDatabase({
    path: join(dataDir, KNOWLEDGE_DB_FILE),
    role: 'disposable',
    migrations: KNOWLEDGE_MIGRATIONS,
    what: 'the document index',
    synchronous: 'NORMAL',
    pageCheck: pageCheck === 'never' ? 'never' : { upToBytes: KNOWLEDGE_PAGE_CHECK_BYTES },
    ...deps,
  });
}
