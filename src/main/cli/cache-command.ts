// `npm run --silent cache -- stats|clear [tts|response|retrieval] [--json] [--data-dir DIR]`:
// per-cache hits, misses, hit rate, entries, bytes and evictions; or empty one cache or all.

import { systemClock } from '../core/platform/clock';
import { resolvePaths } from '../core/platform/paths';
import { CACHE_KINDS, type CacheKind, type CacheStats, clearCacheTable, readCacheStats } from '../core/store/cache-stats';
import { openCacheDatabase } from '../core/store/databases';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';
import { parseCommand, stderrLogger, usageError, withDatabase } from './command-args';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent cache -- stats|clear [tts|response|retrieval] [--json] [--data-dir DIR]
  stats            hits, misses, hit rate, entries, size and evictions of each cache
  clear [KIND]     empty one cache (tts, response, retrieval) or all of them
  --json           print JSON
  --data-dir DIR   where cache.db is (else EARSHOT_DATA_DIR, else the app's data folder)
`;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatCacheStats(stats: readonly CacheStats[]): string {
  const header = ['cache', 'hits', 'misses', 'hit rate', 'entries', 'size', 'evictions'];
  const rows = stats.map((s) => [s.kind, String(s.hits), String(s.misses), `${(s.hitRate * 100).toFixed(1)} %`, String(s.entries), size(s.bytes), String(s.evictions)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function isKind(value: string): value is CacheKind {
  return (CACHE_KINDS as readonly string[]).includes(value);
}

export async function runCacheCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, kind, ...rest] = positionals;
  if ((action !== 'stats' && action !== 'clear') || rest.length > 0 || (action === 'stats' && kind !== undefined) || (kind !== undefined && !isKind(kind))) {
    return usageError(io, action === undefined ? 'Say what to do: stats or clear.' : `Unknown arguments: ${positionals.join(' ')}.`, USAGE);
  }
  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  return withDatabase(io, () => openCacheDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io) }), (db) => {
    if (action === 'clear') {
      const kinds = kind ? [kind] : [...CACHE_KINDS];
      kinds.forEach((k) => clearCacheTable(db, k));
      db.exec('VACUUM');
      io.stdout.write(values.json ? `${JSON.stringify({ cleared: kinds })}\n` : `Cleared: ${kinds.join(', ')}.\n`);
      return EXIT.ok;
    }
    const stats = CACHE_KINDS.map((k) => readCacheStats(db, k));
    io.stdout.write(values.json ? `${JSON.stringify(stats, null, 2)}\n` : formatCacheStats(stats));
    return EXIT.ok;
  });
}
