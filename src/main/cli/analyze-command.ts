// `npm run --silent analyze -- [--json] [--limit N] [--data-dir DIR]`: latency per stage (P50/P95/P99)
// over the turns recorded in earshot.db, and what to change (core/latency-advice.ts). Reads only:
// the database is opened read-only and settings.json is read, never rewritten.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand, positiveInteger, stderrLogger, usageError, withDatabase } from './command-args';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { systemClock } from '../core/platform/clock';
import { type Advice, type AdvisedTurn, adviseOnLatency } from '../core/metrics/latency-advice';
import { type PrefillTokenSummary, summarizePrefillTokens } from '../core/metrics/prefill-tokens';
import { STAGES, summarizeStages } from '../../shared/latency-stages';
import { resolvePaths } from '../core/platform/paths';
import { parseSettings } from '../core/settings/settings-store';
import { EARSHOT_DB_FILE, openEarshotDatabase } from '../core/store/databases';
import { measuresPipeline, SqliteMetricsStore, turnOutcome } from '../core/store/metrics-store';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  limit: { type: 'string', default: '1000' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent analyze -- [--json] [--limit N] [--data-dir DIR]
  --json           print one JSON object: data_dir, turns, stages {name: {from, to, count, p50, p95, p99}}, llm_prefill_tokens {count, p50, p95} | null, advice [{id, stage, message}]
  --limit N        the last N turns (default 1000)
  --data-dir DIR   where earshot.db is (else EARSHOT_DATA_DIR, else the app's data folder)
`;

export interface AnalyzeReport {
  data_dir: string;
  turns: number;
  /** Recorded turns left out: answered from the cache, or failed / interrupted. */
  excluded: { cache_hits: number; failed: number };
  stages: Record<string, { from: string; to: string; count: number; p50: number; p95: number; p99: number }>;
  advice: Advice[];
  /** Prompt tokens Ollama prefilled per turn (prompt_eval_count); null when no turn recorded it. */
  llm_prefill_tokens: PrefillTokenSummary | null;
}

/** The settings in force, read without repairing or moving the file; defaults when there is none. */
function readSettings(dataDir: string): Settings {
  try {
    return parseSettings(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).settings;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function analyzeTurns(
  dataDir: string,
  turns: readonly AdvisedTurn[],
  settings: Settings,
  excluded: AnalyzeReport['excluded'] = { cache_hits: 0, failed: 0 },
  prefillTokens: ReadonlyArray<unknown> = [],
): AnalyzeReport {
  const stages: AnalyzeReport['stages'] = {};
  for (const summary of summarizeStages(turns)) {
    const stage = STAGES.find((s) => s.id === summary.stage);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const { count, p50, p95, p99 } = summary;
    stages[summary.stage] = { from: stage?.from ?? '', to: stage?.to ?? '', count, p50: round(p50), p95: round(p95), p99: round(p99) };
  }
  return { data_dir: dataDir, turns: turns.length, excluded, stages, advice: adviseOnLatency(turns, settings), llm_prefill_tokens: summarizePrefillTokens(prefillTokens) };
}

const ms = (value: number): string => `${Math.round(value)} ms`;

export function formatAnalysis(report: AnalyzeReport): string {
  const header = ['Stage', 'from → to', 'n', 'p50', 'p95', 'p99'];
  const rows = Object.entries(report.stages).map(([name, s]) => [name, `${s.from} → ${s.to}`, String(s.count), ms(s.p50), ms(s.p95), ms(s.p99)]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const advice = report.advice.length > 0 ? report.advice.map((a) => `  - ${a.message}`) : ['  Every stage is within its budget — nothing to change.'];
  return [
    `Latency over the last ${report.turns} answered turn${report.turns === 1 ? '' : 's'} in ${report.data_dir}` +
      (report.excluded.cache_hits + report.excluded.failed > 0
        ? ` (left out: ${report.excluded.cache_hits} answered from the cache, ${report.excluded.failed} failed or interrupted)`
        : ''),
    '',
    line(header),
    ...rows.map(line),
    '',
    ...(report.llm_prefill_tokens
      ? [
          `Prompt tokens prefilled per turn (Ollama's prompt_eval_count): p50 ${report.llm_prefill_tokens.p50}, p95 ${report.llm_prefill_tokens.p95} over ${report.llm_prefill_tokens.count} turns`,
          '',
        ]
      : []),
    'Recommendations:',
    ...advice,
    '',
  ].join('\n');
}

export async function runAnalyzeCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return usageError(io, `Unknown arguments: ${positionals.join(' ')}.`, USAGE);
  const limit = positiveInteger(values.limit, '--limit', 'turns', USAGE, io);
  if (limit === null) return EXIT.usage;
  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  if (!existsSync(join(dataDir, EARSHOT_DB_FILE))) {
    const empty: AnalyzeReport = { data_dir: dataDir, turns: 0, excluded: { cache_hits: 0, failed: 0 }, stages: {}, advice: [], llm_prefill_tokens: null };
    io.stdout.write(values.json ? `${JSON.stringify(empty)}\n` : `No turns recorded yet in ${dataDir} — talk to Earshot (or \`npm run ask\`) first.\n`);
    return EXIT.ok;
  }
  return withDatabase(io, () => openEarshotDatabase(dataDir, { clock: systemClock, logger: stderrLogger(io), readonly: true }), (db) => {
    const recorded = new SqliteMetricsStore(db, systemClock).recent(limit);
    const measured = recorded.filter(measuresPipeline);
    const turns = measured.map(
      (r): AdvisedTurn => ({
        at: r.at,
        marks: r.marks,
        kind: r.meta.kind === 'voice' ? 'voice' : 'text',
        prefillTokens: typeof r.meta.llmPrefillTokens === 'number' ? r.meta.llmPrefillTokens : null,
      }),
    );
    const excluded = {
      cache_hits: recorded.filter((r) => turnOutcome(r) === 'cache-hit').length,
      failed: recorded.filter((r) => turnOutcome(r) === 'failed').length,
    };
    const report = analyzeTurns(dataDir, turns, readSettings(dataDir), excluded, measured.map((r) => r.meta.llmPrefillTokens));
    if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout.write(turns.length === 0 ? `No turns recorded yet in ${dataDir} — talk to Earshot (or \`npm run ask\`) first.\n` : formatAnalysis(report));
    return EXIT.ok;
  });
}
