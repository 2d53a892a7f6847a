// Per-turn latency marks and cache outcomes in earshot.db (DESIGN.md §8), read back for analysis.
import type { Database } from 'better-sqlite3';
import type { TurnMarks } from '../../../shared/turn';
import type { Clock } from '../clock';
import { toStorageError } from './storage-errors';
import type { MetricsStore } from './types';

export type MetricsMeta = Record<string, string | number | boolean | null>;

export interface RecordedTurnMetrics {
  turnId: string;
  /** Wall-clock ms when recorded. */
  at: number;
  marks: TurnMarks;
  meta: MetricsMeta;
}

export class SqliteMetricsStore implements MetricsStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  record(turnId: string, marks: TurnMarks, meta: MetricsMeta): void {
    try {
      this.#db
        .prepare(
          `INSERT INTO turn_metrics (turn_id, at, marks, meta) VALUES (?, ?, ?, ?)
           ON CONFLICT(turn_id) DO UPDATE SET at = excluded.at, marks = excluded.marks, meta = excluded.meta`,
        )
        .run(turnId, this.#clock.wallNow(), JSON.stringify(marks), JSON.stringify(meta));
    } catch (error) {
      throw toStorageError(error, 'latency measurements', this.#db.name);
    }
  }

  /** The latest `limit` records, oldest first. */
  recent(limit: number): RecordedTurnMetrics[] {
    const rows = this.#db
      .prepare('SELECT turn_id, at, marks, meta FROM turn_metrics ORDER BY at DESC, rowid DESC LIMIT ?')
      .all(limit) as Array<{ turn_id: string; at: number; marks: string; meta: string }>;
    return rows.reverse().map((r) => ({ turnId: r.turn_id, at: r.at, marks: JSON.parse(r.marks) as TurnMarks, meta: JSON.parse(r.meta) as MetricsMeta }));
  }
}
