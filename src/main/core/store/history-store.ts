// Conversation history in earshot.db (precious). Writes that fail throw an EarshotError
// (disk_full / storage_failed) for the Assistant to report; nothing is dropped silently.
import type { Database } from 'better-sqlite3';
import type { Language } from '../../../shared/turn';
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
}

export function toTurn(row: TurnRow): HistoryTurn {
  return {
    id: row.id,
    at: row.at,
    transcript: row.transcript,
    reply: row.reply,
    language: row.language === 'pt' ? 'pt' : 'en',
    complete: row.complete === 1,
  };
}

export class SqliteHistoryStore implements HistoryStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  recent(limit: number): HistoryTurn[] {
    try {
      const rows = this.#db
        .prepare('SELECT id, at, transcript, reply, language, complete FROM turns ORDER BY seq DESC LIMIT ?')
        .all(Math.max(0, Math.floor(limit))) as TurnRow[];
      return rows.reverse().map(toTurn);
    } catch (error) {
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }

  /** Saves a turn; saving the same id again replaces it (a reply finished after a first save). */
  append(turn: HistoryTurn): void {
    try {
      this.#db
        .prepare(
          `INSERT INTO turns (id, at, transcript, reply, language, complete) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET at = excluded.at, transcript = excluded.transcript, reply = excluded.reply,
             language = excluded.language, complete = excluded.complete`,
        )
        .run(turn.id, turn.at, turn.transcript, turn.reply, turn.language, turn.complete ? 1 : 0);
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
      this.#db.prepare('DELETE FROM turns').run();
    } catch (error) {
      throw toStorageError(error, 'your conversation history', this.#db.name);
    }
  }
}
