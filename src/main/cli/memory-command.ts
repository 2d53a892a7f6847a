// `npm run --silent memory -- list|forget ID|clear [--json] [--data-dir DIR]`: what Earshot remembers
// about the user, and removing it. A memory is repeated to the model on later turns, so the user
// must be able to see every one and take any back without opening the app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand, stderrLogger, usageError, withDatabase } from './command-args';
import { SqliteMemoryStore, type MemoryFact } from '../core/memory/memory-store';
import { systemClock } from '../core/platform/clock';
import { resolvePaths } from '../core/platform/paths';
import { EARSHOT_DB_FILE, openEarshotDatabase } from '../core/store/databases';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent memory -- (list | forget ID | clear) [--json] [--data-dir DIR]
  list             every memory: id, kind (profile or fact), when it was made, its text
  forget ID        delete one memory (ids from list)
  clear            delete every memory
  --json           print JSON instead of text
  --data-dir DIR   where earshot.db is (else EARSHOT_DATA_DIR, else the app's data folder)
`;

function formatMemories(memories: readonly MemoryFact[]): string {
  return memories.map((m) => `${String(m.id).padStart(4)}  ${m.kind === 'profile' ? 'profile' : 'fact   '}  ${new Date(m.createdAt).toLocaleString('sv-SE')}  ${m.text}\n`).join('');
}

function asJson(m: MemoryFact): object {
  return { id: m.id, kind: m.kind, text: m.text, createdAt: new Date(m.createdAt).toISOString(), updatedAt: new Date(m.updatedAt).toISOString() };
}

export async function runMemoryCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const json = values.json;
  if (sub === undefined) return usageError(io, 'Say what to do: list, forget ID or clear.', USAGE);
  if (!['list', 'forget', 'clear'].includes(sub)) return usageError(io, `Unknown memory command "${sub}".`, USAGE);
  if ((sub === 'forget' && rest.length !== 1) || (sub !== 'forget' && rest.length > 0)) {
    return usageError(io, sub === 'forget' ? 'forget takes one memory id (see `memory list`).' : `Unknown arguments: ${rest.join(' ')}.`, USAGE);
  }
  const id = sub === 'forget' ? Number(rest[0]) : null;
  if (id !== null && (!Number.isInteger(id) || id < 1)) return usageError(io, `"${rest[0]}" is not a memory id — ids are whole numbers from \`memory list\`.`, USAGE);

  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  if (!existsSync(join(dataDir, EARSHOT_DB_FILE))) {
    if (sub === 'list') io.stdout.write(json ? '[]\n' : `Earshot remembers nothing yet (no ${EARSHOT_DB_FILE} in ${dataDir}).\n`);
    else if (sub === 'clear') io.stdout.write(json ? '{"deleted":0}\n' : 'There were no memories to delete.\n');
    else return notFound(io, id as number, json);
    return EXIT.ok;
  }
  const readonly = sub === 'list';
  return withDatabase(io, () => openEarshotDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io), readonly }), (db) => {
    const store = new SqliteMemoryStore(db, systemClock);
    if (sub === 'list') {
      const memories = store.list();
      io.stdout.write(json ? `${JSON.stringify(memories.map(asJson), null, 2)}\n` : memories.length === 0 ? 'Earshot remembers nothing yet.\n' : formatMemories(memories));
      return EXIT.ok;
    }
    if (sub === 'clear') {
      const deleted = store.deleteAll();
      io.stdout.write(json ? `${JSON.stringify({ deleted })}\n` : `Deleted ${deleted} ${deleted === 1 ? 'memory' : 'memories'}.\n`);
      return EXIT.ok;
    }
    if (!store.delete(id as number)) return notFound(io, id as number, json);
    io.stdout.write(json ? `${JSON.stringify({ deleted: 1, id })}\n` : `Forgot memory ${id}.\n`);
    return EXIT.ok;
  });
}

function notFound(io: CliIo, id: number, json: boolean): number {
  if (json) io.stdout.write(`${JSON.stringify({ deleted: 0, id, error: { code: 'invalid_input', message: `There is no memory ${id}.` } })}\n`);
  io.stderr.write(`There is no memory ${id} — run \`memory list\` to see the ids.\n`);
  return EXIT.failed;
}
