// Per-turn latency marks and cache outcomes in earshot.db, read back for analysis.
import type { Database } from 'better-sqlite3';
import type { TurnMarks } from '../../../shared/turn';
import type { Clock } from '../platform/clock';
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

/**
 * What a recorded turn says about the pipeline: `measured` when the model answered it in full;
 * a `cache-hit` ran no STT→LLM→TTS and a `failed` turn's "first audio" is a spoken error, so
 * either would skew the stages.
 */
export function turnOutcome(turn: Pick<RecordedTurnMetrics, 'meta'>): 'measured' | 'cache-hit' | 'failed' {
  if (turn.meta.complete !== true || (turn.meta.error ?? null) !== null) return 'failed';
  return turn.meta.cache === 'hit' ? 'cache-hit' : 'measured';
}

/** Whether a recorded turn measures the pipeline (see turnOutcome). */
export function measuresPipeline(turn: Pick<RecordedTurnMetrics, 'meta'>): boolean {
  return turnOutcome(turn) === 'measured';
}

/** How many turns' measurements are kept. */
export const KEPT_TURNS = 5000;

function parseObject(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class SqliteMetricsStore implements MetricsStore {
  readonly #db: Database;
  readonly #clock: Clock;

  readonly #keep: number;

  constructor(db: Database, clock: Clock, keep = KEPT_TURNS) {
    this.#db = db;
    this.#clock = clock;
    this.#keep = keep;
  }

  record(turnId: string, marks: TurnMarks, meta: MetricsMeta): void {
    try {
      this.#db.transaction(() => {
        this.#db
          .prepare(
            `INSERT INTO turn_metrics (turn_id, at, marks, meta) VALUES (?, ?, ?, ?)
             ON CONFLICT(turn_id) DO UPDATE SET at = excluded.at, marks = excluded.marks, meta = excluded.meta`,
          )
          .run(turnId, this.#clock.wallNow(), JSON.stringify(marks), JSON.stringify(meta));
        // Measurements, not history: only the newest KEPT_TURNS are kept, so reading them stays quick.
        this.#db
          .prepare('DELETE FROM turn_metrics WHERE rowid <= (SELECT rowid FROM turn_metrics ORDER BY rowid DESC LIMIT 1 OFFSET ?)')
          .run(this.#keep);
      })();
    } catch (error) {
      throw toStorageError(error, 'latency measurements', this.#db.name);
    }
  }

  /** The latest `limit` records, oldest first. */
  recent(limit: number): RecordedTurnMetrics[] {
    const rows = this.#db
      .prepare('SELECT turn_id, at, marks, meta FROM turn_metrics ORDER BY at DESC, rowid DESC LIMIT ?')
      .all(limit) as Array<{ turn_id: string; at: number; marks: string; meta: string }>;
    // A damaged row is one measurement lost, not a reason to fail the latency view or analyze.
    return rows.reverse().flatMap((r) => {
      const marks = parseObject(r.marks);
      const meta = parseObject(r.meta);
      return marks && meta ? [{ turnId: r.turn_id, at: r.at, marks: marks as TurnMarks, meta: meta as MetricsMeta }] : [];
    });
  }
}
