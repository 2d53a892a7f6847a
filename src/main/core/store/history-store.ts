// Conversation history in earshot.db (precious). Writes that fail throw an EarshotError
// (disk_full / storage_failed) for the Assistant to report; nothing is dropped silently.
import type { Database } from 'better-sqlite3';
import type { Language } from '../../../shared/turn';
import type { SqliteConversationStore } from './conversation-store';
import { toStorageError } from './storage-errors';
import type { HistoryStore, HistoryTurn } from './types';

/** A row of the turns table. */
export interface TurnRow {
  id: string;
  at: number;
  transcript: string;
  reply: string;
  language: string;
  complete: number;
  conversation_id?: string | null;
}

export function toTurn(row: TurnRow): HistoryTurn {
  return {
    id: row.id,
    at: row.at,
    transcript: row.transcript,
    reply: row.reply,
    language: row.language === 'pt' ? 'pt' : 'en',
    complete: row.complete === 1,
    ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
  };
}

export class SqliteHistoryStore implements HistoryStore {
  readonly #db: Database;
  readonly #conversations: SqliteConversationStore | null;

  /** With conversations, turns are saved to and read from the current conversation only. */
  constructor(db: Database, conversations: SqliteConversationStore | null = null) {
    this.#db = db;
    this.#conversations = conversations;
  }

  /** The last `limit` turns of the current conversation (of all turns without conversations), oldest first. */
  recent(limit: number): HistoryTurn[] {
    try {
      const n = Math.max(0, Math.floor(limit));
      const columns = 'SELECT id, at, transcript, reply, language, complete, conversation_id FROM turns';
      const current = this.#conversations ? this.#conversations.currentId() : undefined;
      const rows = (
        current === undefined
          ? this.#db.prepare(`${columns} ORDER BY seq DESC LIMIT ?`).all(n)
          : this.#db.prepare(`${columns} WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?`).all(current, n)
      ) as TurnRow[];
      return rows.reverse().map(toTurn);
    } catch (error) {
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }

  /** Saves a turn; saving the same id again replaces it (a reply finished after a first save). */
  append(turn: HistoryTurn): void {
    try {
      // A turn saved again keeps the conversation it was first saved in.
      const conversation = turn.conversationId ?? this.#conversations?.ensureCurrent() ?? null;
      this.#db
        .prepare(
          `INSERT INTO turns (id, at, transcript, reply, language, complete, conversation_id) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET at = excluded.at, transcript = excluded.transcript, reply = excluded.reply,
             language = excluded.language, complete = excluded.complete`,
        )
        .run(turn.id, turn.at, turn.transcript, turn.reply, turn.language, turn.complete ? 1 : 0, conversation);
      if (conversation !== null) this.#conversations?.touch(conversation, turn.at);
    } catch (error) {
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }

  count(): number {
    return this.#db.prepare('SELECT count(*) FROM turns').pluck().get() as number;
  }

  /** Reply texts of the latest `limit` complete turns in a language, newest first (for TTS warm-up). */
  recentReplies(language: Language, limit: number): string[] {
    try {
      return this.#db
        .prepare("SELECT reply FROM turns WHERE language = ? AND complete = 1 AND reply != '' ORDER BY seq DESC LIMIT ?")
        .pluck()
        .all(language, limit) as string[];
    } catch (error) {
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }

  /** Deletes every saved turn. */
  clear(): void {
    try {
      if (this.#conversations) this.#conversations.clear();
      else this.#db.prepare('DELETE FROM turns').run();
    } catch (error) {
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }
}
