// The documents each reply quoted, kept in knowledge.db by turn id, so the source chips under a
// reply are still there after the app reloads or restarts. The newest replies' sources are kept
// (the history shows far fewer); an older turn's chips go with them.
import type { Database } from 'better-sqlite3';
import type { DocumentSource, TurnEvent } from '../../../shared/turn';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

/** Turns whose sources are kept. */
export const QUOTED_TURNS_KEPT = 5000;

export class QuotedSources {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #sincePrune = 0;

  constructor(db: Database, clock: Clock, logger: Logger) {
    this.#db = db;
    this.#clock = clock;
    this.#logger = logger;
  }

  /** Follow with assistant.onEvent: saves the sources of every finished turn that used documents. */
  readonly record = (event: TurnEvent): void => {
    if (event.type !== 'done' || !event.result.sources?.length) return;
    const { sources } = event.result;
    const at = this.#clock.wallNow();
    // Losing the chips must never cost the turn that is being reported.
    try {
      this.#db.transaction(() => {
        this.#db.prepare('DELETE FROM quoted_sources WHERE turn_id = ?').run(event.turnId);
        const insert = this.#db.prepare('INSERT INTO quoted_sources (turn_id, position, path, heading, page, at) VALUES (?, ?, ?, ?, ?, ?)');
        sources.forEach((s, position) => insert.run(event.turnId, position, s.path, s.heading, s.page, at));
        if (++this.#sincePrune >= 100) this.#prune();
      })();
    } catch (error) {
      this.#logger.warn('the sources of a reply could not be saved', { error: String(error) });
    }
  };

  #prune(): void {
    this.#sincePrune = 0;
    this.#db
      .prepare(
        `DELETE FROM quoted_sources WHERE turn_id IN (
           SELECT turn_id FROM quoted_sources GROUP BY turn_id ORDER BY max(at) DESC LIMIT -1 OFFSET ?)`,
      )
      .run(QUOTED_TURNS_KEPT);
  }

  /** The saved sources of these turns, best first; a turn that quoted nothing is absent. */
  forTurns(turnIds: readonly string[]): Record<string, DocumentSource[]> {
    const out: Record<string, DocumentSource[]> = {};
    if (turnIds.length === 0) return out;
    const rows = this.#db
      .prepare(`SELECT turn_id AS turnId, path, heading, page FROM quoted_sources WHERE turn_id IN (${turnIds.map(() => '?').join(',')}) ORDER BY turn_id, position`)
      .all(...turnIds) as ({ turnId: string } & DocumentSource)[];
    for (const { turnId, ...source } of rows) (out[turnId] ??= []).push(source);
    return out;
  }

  /** True when some kept reply quoted this file (the desktop app opens only those). */
  quotedPath(path: string): boolean {
    return this.#db.prepare('SELECT 1 FROM quoted_sources WHERE path = ? LIMIT 1').get(path) !== undefined;
  }
}
