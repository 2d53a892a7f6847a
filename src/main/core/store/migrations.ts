// One ordered migration list per database, tracked in PRAGMA user_version.
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3, … in order; the database's user_version after this step. */
  version: number;
  up: string | ((db: Database) => void);
}

export class NewerSchemaError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`The database has schema version ${found}, newer than the ${known} this Earshot knows.`);
    this.name = 'NewerSchemaError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the steps past the current user_version, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${i} has version ${m.version}; versions must be 1, 2, 3, … in order.`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) throw new NewerSchemaError(current, migrations.length);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
