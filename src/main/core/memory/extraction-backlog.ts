// The turns waiting for memory extraction, kept in earshot.db beside the turns themselves, so a
// queue that has not been extracted when Earshot quits (extraction waits for a quiet spell) is
// picked up again at the next launch.
import type { Database } from 'better-sqlite3';
import type { Clock } from '../platform/clock';
import { toTurn, type TurnRow } from '../store/history-store';
import type { HistoryTurn } from '../store/types';

export interface ExtractionBacklog {
  /** The turns queued by an earlier run and not yet extracted, oldest first. */
  load(): HistoryTurn[];
  add(turnId: string): void;
  remove(turnIds: readonly string[]): void;
}

export class SqliteExtractionBacklog implements ExtractionBacklog {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  load(): HistoryTurn[] {
    // A turn deleted with the history since it was queued is not extracted.
    this.#db.prepare('DELETE FROM extraction_backlog WHERE turn_id NOT IN (SELECT id FROM turns)').run();
    const rows = this.#db
      .prepare(
        `SELECT t.id, t.at, t.transcript, t.reply, t.language, t.complete
         FROM extraction_backlog b JOIN turns t ON t.id = b.turn_id ORDER BY t.seq`,
      )
      .all() as TurnRow[];
    return rows.map(toTurn);
  }

  add(turnId: string): void {
    this.#db.prepare('INSERT OR IGNORE INTO extraction_backlog (turn_id, queued_at) VALUES (?, ?)').run(turnId, this.#clock.wallNow());
  }

  remove(turnIds: readonly string[]): void {
    const statement = this.#db.prepare('DELETE FROM extraction_backlog WHERE turn_id = ?');
    this.#db.transaction(() => turnIds.forEach((id) => statement.run(id)))();
  }
}
