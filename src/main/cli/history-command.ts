// `npm run --silent history -- [--json] [--limit N] [--data-dir DIR]`: the saved turns, oldest
// first — time, what was said, the reply, and whether the reply was complete. Reads only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import type { Logger } from '../core/logger';
import { resolvePaths } from '../core/paths';
import { EARSHOT_DB_FILE, openEarshotDatabase } from '../core/store/databases';
import { SqliteHistoryStore } from '../core/store/history-store';
import type { HistoryTurn } from '../core/store/types';
import { type CliIo, EXIT } from './cli-io';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  limit: { type: 'string', default: '50' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent history -- [--json] [--limit N] [--data-dir DIR]
  --json           print a JSON array of turns: id, at (ISO time), transcript, reply, language, complete
  --limit N        the last N turns (default 50)
  --data-dir DIR   where earshot.db is (else EARSHOT_DATA_DIR, else the app's data folder)
`;

/** Warnings from opening go to stderr as plain lines. */
export function stderrLogger(io: CliIo): Logger {
  const line = (message: string): void => void io.stderr.write(`${message}\n`);
  return { debug: () => {}, info: () => {}, warn: line, error: line };
}

function localTime(at: number): string {
  return new Date(at).toLocaleString('sv-SE');
}

export function formatHistory(turns: readonly HistoryTurn[]): string {
  return turns
    .map((t) => `${localTime(t.at)}  ${t.complete ? 'complete' : 'incomplete'}  [${t.language}]\n  You:     ${t.transcript}\n  Earshot: ${t.reply}\n`)
    .join('\n');
}

export async function runHistoryCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.stderr.write(`--limit must be a whole number of turns, 1 or more (got "${values.limit}").\n${USAGE}`);
    return EXIT.usage;
  }
  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  if (!existsSync(join(dataDir, EARSHOT_DB_FILE))) {
    io.stdout.write(values.json ? '[]\n' : `No conversations saved yet in ${dataDir}.\n`);
    return EXIT.ok;
  }
  try {
    const { db } = openEarshotDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io), readonly: true });
    try {
      const turns = new SqliteHistoryStore(db).recent(limit);
      if (values.json) {
        io.stdout.write(`${JSON.stringify(turns.map((t) => ({ ...t, at: new Date(t.at).toISOString() })), null, 2)}\n`);
      } else {
        io.stdout.write(turns.length === 0 ? `No conversations saved yet in ${dataDir}.\n` : formatHistory(turns));
      }
      return EXIT.ok;
    } finally {
      db.close();
    }
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
