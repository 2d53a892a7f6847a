// Notices another connection's commits to a database (for instance `npm run cache -- clear` while
// the app runs), so an in-memory layer in front of SQLite can drop what it holds instead of serving
// entries that are gone. SQLite's data_version changes only for other connections' commits, and
// reading it costs a few microseconds.
import type { Database, Statement } from 'better-sqlite3';

export class ExternalChanges {
  readonly #query: Statement;
  #version: unknown;

  constructor(db: Database) {
    this.#query = db.prepare('PRAGMA data_version').pluck();
    this.#version = this.#read();
  }

  /** Whether another connection has committed since the last call (or since construction). */
  changed(): boolean {
    const version = this.#read();
    if (version === this.#version) return false;
    this.#version = version;
    return true;
  }

  #read(): unknown {
    return this.#query.get();
  }
}
