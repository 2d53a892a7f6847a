// The migration lists of Earshot's two databases. Append steps; never edit a released one.
import type { Migration } from './migrations';

/** cache.db: disposable. TTS audio, responses, memory retrievals, and per-kind counters. */
export const CACHE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE tts_audio (
        key TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        voice_id TEXT NOT NULL,
        speed REAL NOT NULL,
        sample_rate INTEGER NOT NULL,
        pcm BLOB NOT NULL,
        bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL
      );
      CREATE TABLE responses (
        key TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        question TEXT NOT NULL,
        normalized TEXT NOT NULL,
        reply TEXT NOT NULL,
        embedding BLOB,
        embedder_id TEXT,
        bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL
      );
      CREATE INDEX responses_scope ON responses(scope);
      CREATE TABLE retrievals (
        key TEXT PRIMARY KEY,
        memories TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL
      );
      CREATE TABLE cache_counters (
        kind TEXT PRIMARY KEY,
        hits INTEGER NOT NULL DEFAULT 0,
        misses INTEGER NOT NULL DEFAULT 0,
        evictions INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
];

/** earshot.db: precious. Conversation history, memories, turn metrics. */
export const EARSHOT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE turns (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at INTEGER NOT NULL,
        transcript TEXT NOT NULL,
        reply TEXT NOT NULL,
        language TEXT NOT NULL,
        complete INTEGER NOT NULL
      );
      CREATE TABLE memories (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        text TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'fact',
        source_turn_id TEXT,
        embedding BLOB,
        embedder_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE turn_metrics (
        turn_id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        marks TEXT NOT NULL,
        meta TEXT NOT NULL
      );
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    // Turns waiting for memory extraction, so the ones queued when Earshot quits are extracted at
    // the next launch instead of being forgotten.
    version: 2,
    up: `
      CREATE TABLE extraction_backlog (
        turn_id TEXT PRIMARY KEY,
        queued_at INTEGER NOT NULL
      );
    `,
  },
  {
    // metrics.recent and analyze read the newest turns by time.
    version: 3,
    up: `CREATE INDEX turn_metrics_at ON turn_metrics (at);`,
  },
  {
    // Turns belong to conversations, so the model sees only the one being had and people can
    // name, find and delete them. Turns saved before this step become one earlier conversation.
    version: 4,
    up: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      ALTER TABLE turns ADD COLUMN conversation_id TEXT;
      CREATE INDEX turns_conversation ON turns (conversation_id, seq);
      INSERT INTO conversations (id, title, created_at, updated_at)
        SELECT 'earlier', '', min(at), max(at) FROM turns HAVING count(*) > 0;
      UPDATE turns SET conversation_id = 'earlier' WHERE conversation_id IS NULL;
      INSERT INTO meta (key, value) SELECT 'current_conversation', 'earlier' FROM turns LIMIT 1;
    `,
  },
];
