// Conversations in earshot.db: which one is current (the one new turns join and the only one the
// model sees), their names, search across their turns, deletion. The turns themselves are written
// by the history store; both share the database and the `current_conversation` pointer in `meta`.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { EarshotError } from '../../../shared/errors';
import type { ConversationSummary, HistorySearchHit } from '../../../shared/records';
import type { Clock } from '../platform/clock';
import { toStorageError } from './storage-errors';
import { toTurn, type TurnRow } from './history-store';

const CURRENT_KEY = 'current_conversation';
const PREVIEW_CHARS = 60;
const MAX_SEARCH_HITS = 50;

interface ConversationRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  turns: number;
  first: string | null;
}

export interface ConversationStoreDeps {
  clock: Clock;
  newId?: () => string;
}

/** The first thing said, on one line and short enough for a list. */
export function previewOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : line;
}

/** Escapes LIKE's wildcards so a search for "100%" finds "100%". */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class SqliteConversationStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #newId: () => string;

  constructor(db: Database, deps: ConversationStoreDeps) {
    this.#db = db;
    this.#clock = deps.clock;
    this.#newId = deps.newId ?? randomUUID;
  }

  /** The current conversation's id, or null when none was started yet. */
  currentId(): string | null {
    return this.#guard(() => {
      const id = this.#db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CURRENT_KEY) as string | undefined;
      if (id === undefined) return null;
      const exists = this.#db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck().get(id);
      return exists === undefined ? null : id;
    });
  }

  /** The current conversation, started when there is none: where the next turn is saved. */
  ensureCurrent(): string {
    return this.currentId() ?? this.start().id;
  }

  /** Starts a new conversation and makes it current; an empty current one is reused instead. */
  start(): ConversationSummary {
    return this.#guard(() =>
      this.#db.transaction(() => {
        const current = this.currentId();
        if (current !== null && this.#turnCount(current) === 0) return this.#summary(current);
        const id = this.#newId();
        const now = this.#clock.wallNow();
        this.#db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, '', now, now);
        this.#setCurrent(id);
        return this.#summary(id);
      })(),
    );
  }

  /** Makes an existing conversation current, so the next turn continues it. */
  open(id: string): ConversationSummary {
    return this.#guard(() => {
      this.#require(id);
      this.#setCurrent(id);
      return this.#summary(id);
    });
  }

  /** Newest activity first. */
  list(): ConversationSummary[] {
    return this.#guard(() => {
      const current = this.currentId();
      return (this.#db.prepare(`${SUMMARY_SQL} ORDER BY c.updated_at DESC, c.created_at DESC`).all() as ConversationRow[]).map((row) => toSummary(row, current));
    });
  }

  /** A conversation's turns, oldest first. */
  turns(id: string): ReturnType<typeof toTurn>[] {
    return this.#guard(() => {
      this.#require(id);
      const rows = this.#db
        .prepare('SELECT id, at, transcript, reply, language, complete, conversation_id FROM turns WHERE conversation_id = ? ORDER BY seq')
        .all(id) as TurnRow[];
      return rows.map(toTurn);
    });
  }

  rename(id: string, title: string): ConversationSummary {
    return this.#guard(() => {
      this.#require(id);
      this.#db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(title.replace(/\s+/g, ' ').trim(), id);
      return this.#summary(id);
    });
  }

  /** Deletes a conversation and its turns; deleting the current one leaves none current. */
  delete(id: string): void {
    this.#guard(() =>
      this.#db.transaction(() => {
        this.#require(id);
        this.#db.prepare('DELETE FROM turns WHERE conversation_id = ?').run(id);
        this.#db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
      })(),
    );
  }

  /** Deletes every conversation and turn. */
  clear(): void {
    this.#guard(() =>
      this.#db.transaction(() => {
        this.#db.prepare('DELETE FROM turns').run();
        this.#db.prepare('DELETE FROM conversations').run();
        this.#db.prepare('DELETE FROM meta WHERE key = ?').run(CURRENT_KEY);
      })(),
    );
  }

  /** Turns whose words or reply contain the text (any case), newest first. */
  search(query: string): HistorySearchHit[] {
    const text = query.trim();
    if (text === '') return [];
    return this.#guard(() => {
      const rows = this.#db
        .prepare(
          `SELECT t.id, t.at, t.transcript, t.reply, t.language, t.complete, t.conversation_id, c.title,
             (SELECT transcript FROM turns f WHERE f.conversation_id = c.id ORDER BY f.seq LIMIT 1) AS first
           FROM turns t JOIN conversations c ON c.id = t.conversation_id
           WHERE t.transcript LIKE ? ESCAPE '\\' OR t.reply LIKE ? ESCAPE '\\'
           ORDER BY t.seq DESC LIMIT ?`,
        )
        .all(likePattern(text), likePattern(text), MAX_SEARCH_HITS) as (TurnRow & { title: string; first: string | null })[];
      return rows.map((row) => ({
        conversationId: row.conversation_id ?? '',
        conversationTitle: row.title || previewOf(row.first ?? ''),
        turn: toTurn(row),
      }));
    });
  }

  /** Marks the conversation as used now (a turn was added), so the list puts it first. */
  touch(id: string, at: number): void {
    this.#db.prepare('UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?').run(at, id);
  }

  #setCurrent(id: string): void {
    this.#db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CURRENT_KEY, id);
  }

  #turnCount(id: string): number {
    return this.#db.prepare('SELECT count(*) FROM turns WHERE conversation_id = ?').pluck().get(id) as number;
  }

  #summary(id: string): ConversationSummary {
    const row = this.#db.prepare(`${SUMMARY_SQL} WHERE c.id = ?`).get(id) as ConversationRow;
    return toSummary(row, this.currentId());
  }

  #require(id: string): void {
    const exists = this.#db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck().get(id);
    if (exists === undefined) throw new EarshotError('invalid_input', 'That conversation is no longer there — it may have been deleted. Pick another from the list.', { params: { variant: 'conversationGone' } });
  }

  #guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof EarshotError) throw error;
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }
}

const SUMMARY_SQL = `SELECT c.id, c.title, c.created_at, c.updated_at,
    (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id) AS turns,
    (SELECT transcript FROM turns f WHERE f.conversation_id = c.id ORDER BY f.seq LIMIT 1) AS first
  FROM conversations c`;

function toSummary(row: ConversationRow, current: string | null): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    preview: previewOf(row.first ?? ''),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    turns: row.turns,
    current: row.id === current,
  };
}
