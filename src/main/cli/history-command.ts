// `npm run --silent history -- [--json] [--limit N] [--data-dir DIR]`: the saved turns, oldest
// first — time, what was said, the reply, and whether the reply was complete. Reads only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand, positiveInteger, stderrLogger, usageError, withDatabase } from './command-args';
import { systemClock } from '../core/platform/clock';
import { resolvePaths } from '../core/platform/paths';
import { EARSHOT_DB_FILE, openEarshotDatabase } from '../core/store/databases';
import { SqliteHistoryStore } from '../core/store/history-store';
import type { HistoryTurn } from '../core/store/types';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';

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
function localTime(at: number): string {
  return new Date(at).toLocaleString('sv-SE');
}

export function formatHistory(turns: readonly HistoryTurn[]): string {
  return turns
    .map((t) => `${localTime(t.at)}  ${t.complete ? 'complete' : 'incomplete'}  [${t.language}]\n  You:     ${t.transcript}\n  Earshot: ${t.reply}\n`)
    .join('\n');
}

export async function runHistoryCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return usageError(io, `Unknown arguments: ${positionals.join(' ')}.`, USAGE);
  const limit = positiveInteger(values.limit, '--limit', 'turns', USAGE, io);
  if (limit === null) return EXIT.usage;
  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  if (!existsSync(join(dataDir, EARSHOT_DB_FILE))) {
    io.stdout.write(values.json ? '[]\n' : `No conversations saved yet in ${dataDir}.\n`);
    return EXIT.ok;
  }
  return withDatabase(io, () => openEarshotDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io), readonly: true }), (db) => {
    const turns = new SqliteHistoryStore(db).recent(limit);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(turns.map((t) => ({ ...t, at: new Date(t.at).toISOString() })), null, 2)}\n`);
    } else {
      io.stdout.write(turns.length === 0 ? `No conversations saved yet in ${dataDir}.\n` : formatHistory(turns));
    }
    return EXIT.ok;
  });
}
