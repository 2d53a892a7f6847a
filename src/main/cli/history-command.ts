// `npm run --silent history -- [list|show ID|delete ID|clear --yes|export ID] [--json] …`: the saved
// conversations. Without a subcommand it prints the last turns across all of them, oldest first —
// time, what was said, the reply, and whether the reply was complete.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand, positiveInteger, stderrLogger, usageError, withDatabase } from './command-args';
import { systemClock } from '../core/platform/clock';
import { resolvePaths } from '../core/platform/paths';
import { SqliteConversationStore } from '../core/store/conversation-store';
import { EARSHOT_DB_FILE, openEarshotDatabase } from '../core/store/databases';
import { SqliteHistoryStore } from '../core/store/history-store';
import type { HistoryTurn } from '../core/store/types';
import { conversationTitle, conversationToJson, conversationToMarkdown, ENGLISH_EXPORT_LABELS } from '../../shared/conversation-export';
import type { ConversationSummary } from '../../shared/records';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  limit: { type: 'string', default: '50' },
  yes: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent history -- [SUBCOMMAND] [--json] [--data-dir DIR]
  (none)           the last turns of every conversation, oldest first (--limit N, default 50)
  list             the conversations, newest first: id, name, turns, last used
  show ID          one conversation's turns
  delete ID        delete one conversation and its turns
  clear --yes      delete every conversation
  export ID        print one conversation as Markdown (or JSON with --json)
  --json           print JSON instead of text
  --data-dir DIR   where earshot.db is (else EARSHOT_DATA_DIR, else the app's data folder)
`;

function localTime(at: number): string {
  return new Date(at).toLocaleString('sv-SE');
}

export function formatHistory(turns: readonly HistoryTurn[]): string {
  return turns
    .map((t) => `${localTime(t.at)}  ${t.complete ? 'complete' : 'incomplete'}  [${t.language}]\n  You:     ${t.transcript}\n  Earshot: ${t.reply}\n`)
    .join('\n');
}

export function formatConversations(conversations: readonly ConversationSummary[]): string {
  return conversations
    .map((c) => `${c.id}  ${localTime(c.updatedAt)}  ${c.turns} turn${c.turns === 1 ? '' : 's'}${c.current ? '  (current)' : ''}\n  ${conversationTitle(c, '(no turns yet)')}\n`)
    .join('\n');
}

const isoTurns = (turns: readonly HistoryTurn[]) => turns.map((t) => ({ ...t, at: new Date(t.at).toISOString() }));

const SUBCOMMANDS = ['list', 'show', 'delete', 'clear', 'export'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];
const NEEDS_ID: readonly Subcommand[] = ['show', 'delete', 'export'];

export async function runHistoryCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [name, id, ...extra] = positionals;
  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  const hasDatabase = existsSync(join(dataDir, EARSHOT_DB_FILE));
  const json = values.json;

  if (name === undefined) {
    const limit = positiveInteger(values.limit, '--limit', 'turns', USAGE, io);
    if (limit === null) return EXIT.usage;
    if (!hasDatabase) {
      io.stdout.write(json ? '[]\n' : `No conversations saved yet in ${dataDir}.\n`);
      return EXIT.ok;
    }
    return withDatabase(io, () => openEarshotDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io), readonly: true }), (db) => {
      const turns = new SqliteHistoryStore(db).recent(limit);
      if (json) io.stdout.write(`${JSON.stringify(isoTurns(turns), null, 2)}\n`);
      else io.stdout.write(turns.length === 0 ? `No conversations saved yet in ${dataDir}.\n` : formatHistory(turns));
      return EXIT.ok;
    });
  }

  if (!(SUBCOMMANDS as readonly string[]).includes(name)) return usageError(io, `Unknown subcommand "${name}": use ${SUBCOMMANDS.join(', ')}.`, USAGE);
  const command = name as Subcommand;
  if (NEEDS_ID.includes(command) && id === undefined) return usageError(io, `"history ${command}" needs a conversation id — see "history list".`, USAGE);
  if ((NEEDS_ID.includes(command) ? extra : [id, ...extra].filter((p) => p !== undefined)).length > 0) {
    return usageError(io, `Unknown arguments: ${(NEEDS_ID.includes(command) ? extra : [id, ...extra]).join(' ')}.`, USAGE);
  }
  if (command === 'clear' && !values.yes) return usageError(io, '"history clear" deletes every conversation for good: add --yes to confirm.', USAGE);
  if (!hasDatabase) {
    if (command === 'list') {
      io.stdout.write(json ? '[]\n' : `No conversations saved yet in ${dataDir}.\n`);
      return EXIT.ok;
    }
    if (command === 'clear') {
      io.stdout.write(json ? '{"cleared":true}\n' : 'Nothing to clear.\n');
      return EXIT.ok;
    }
    io.stderr.write(`No conversations saved yet in ${dataDir}.\n`);
    return EXIT.failed;
  }

  return withDatabase(io, () => openEarshotDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io) }), (db) => {
    const conversations = new SqliteConversationStore(db, { clock: systemClock });
    const write = (text: string) => void io.stdout.write(text);
    switch (command) {
      case 'list': {
        const list = conversations.list();
        if (json) write(`${JSON.stringify(list.map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString(), updatedAt: new Date(c.updatedAt).toISOString() })), null, 2)}\n`);
        else write(list.length === 0 ? `No conversations saved yet in ${dataDir}.\n` : formatConversations(list));
        return EXIT.ok;
      }
      case 'show': {
        const turns = conversations.turns(id!);
        if (json) write(`${JSON.stringify(isoTurns(turns), null, 2)}\n`);
        else write(turns.length === 0 ? 'This conversation has no turns yet.\n' : formatHistory(turns));
        return EXIT.ok;
      }
      case 'export': {
        const turns = conversations.turns(id!);
        const summary = conversations.list().find((c) => c.id === id)!;
        write(json ? conversationToJson(summary, turns) : conversationToMarkdown(summary, turns, ENGLISH_EXPORT_LABELS));
        return EXIT.ok;
      }
      case 'delete':
        conversations.delete(id!);
        write(json ? `${JSON.stringify({ deleted: id })}\n` : `Deleted conversation ${id}.\n`);
        return EXIT.ok;
      case 'clear':
        conversations.clear();
        write(json ? '{"cleared":true}\n' : 'Deleted every conversation.\n');
        return EXIT.ok;
    }
  });
}
