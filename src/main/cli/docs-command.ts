// `npm run --silent docs -- add PATH... | search "query" | list | remove PATH | reindex | stats`:
// the document index from the command line, with the same core as the app. Progress goes to
// stderr; results to stdout (JSON with --json).
import { resolve } from 'node:path';
import { EarshotError } from '../../shared/errors';
import { resolveOllamaHost } from '../core/engines/llm/ollama-host';
import { DOCUMENT_TYPES, type DocumentType } from '../core/knowledge/document-types';
import type { IngestProgress, IngestResult } from '../core/knowledge/knowledge-ingest';
import { openKnowledge, type KnowledgeService } from '../core/knowledge/knowledge-service';
import { IngestCancelled, IngestControl } from '../core/knowledge/ingest-control';
import { systemClock } from '../core/platform/clock';
import { resolvePaths } from '../core/platform/paths';
import { peekSettings, SettingsStore } from '../core/settings/settings-store';
import { type CliIo, EXIT } from './cli-io';
import { parseCommand, positiveInteger, stderrLogger, usageError } from './command-args';
import { formatProgress, progressStep } from './docs-progress';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  limit: { type: 'string' },
  type: { type: 'string' },
  folder: { type: 'string' },
  since: { type: 'string' },
  'data-dir': { type: 'string' },
  'llm-host': { type: 'string' },
  'keywords-only': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent docs -- add PATH... | search "query" | list | remove PATH | reindex | stats [options]
  add PATH...        index files and folders (.txt .md .html .pdf .docx); unchanged files cost nothing
  search "query"     the passages that best answer a question
  list               the indexed files
  remove PATH        drop a file, or every file under a folder, from the index
  reindex            read every indexed file again (after changing the chunk preset)
  stats              cache hits and misses, files, chunks and embedded chunks
  --limit N          results to show (search; default 5)
  --type TYPE        only files of one type: ${DOCUMENT_TYPES.join(', ')}
  --folder DIR       only files under a folder
  --since DATE       only files modified on or after a date (YYYY-MM-DD)
  --keywords-only    do not ask Ollama for embeddings
  --json             print JSON
  --data-dir DIR     where knowledge.db is (else EARSHOT_DATA_DIR, else the app's data folder)
  --llm-host URL     Ollama, for embeddings (else settings, else OLLAMA_HOST, else http://127.0.0.1:11434)
`;

const KEYWORD_NOTICE = (model: string): string =>
  `No embedding model answered, so documents are matched by keywords only. For matches by meaning run \`ollama pull ${model}\`.\n`;

type Values = Record<string, string | boolean | undefined>;

function filtersFrom(values: Values, io: CliIo): { type?: DocumentType; folder?: string; modifiedAfterMs?: number } | null {
  const type = values.type as string | undefined;
  if (type !== undefined && !(DOCUMENT_TYPES as readonly string[]).includes(type)) {
    usageError(io, `--type must be one of ${DOCUMENT_TYPES.join(', ')} (got "${type}").`, USAGE);
    return null;
  }
  const since = values.since as string | undefined;
  const sinceMs = since === undefined ? undefined : Date.parse(since);
  if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
    usageError(io, `--since takes a date such as 2026-01-31 (got "${since}").`, USAGE);
    return null;
  }
  return {
    ...(type ? { type: type as DocumentType } : {}),
    ...(values.folder ? { folder: resolve(values.folder as string) } : {}),
    ...(sinceMs !== undefined ? { modifiedAfterMs: sinceMs } : {}),
  };
}

async function runIngest(service: KnowledgeService, paths: string[], force: boolean, io: CliIo, json: boolean): Promise<number> {
  const control = new IngestControl();
  const onAbort = (): void => control.cancel();
  io.signal?.addEventListener('abort', onAbort);
  let lastStep = -1;
  const onProgress = (p: IngestProgress): void => {
    const step = progressStep(p);
    if (step === lastStep) return;
    lastStep = step;
    io.stderr.write(formatProgress(p));
  };
  let result: IngestResult;
  try {
    result = await service.ingest.add(paths, { control, onProgress, force });
  } catch (error) {
    if (error instanceof IngestCancelled) {
      io.stderr.write('Indexing cancelled; the files indexed so far stay in the index.\n');
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
  }
  if (service.hasEmbedder && result.keywordOnly && result.chunks + result.unchanged > 0) io.stderr.write(KEYWORD_NOTICE(service.embeddingModel));
  if (json) {
    io.stdout.write(`${JSON.stringify({ files: result.files, chunks: result.chunks, unchanged: result.unchanged, embedded: result.embedded, skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason.message, code: s.reason.code })) })}\n`);
  } else {
    io.stdout.write(`Indexed ${result.files} file(s) (${result.unchanged} unchanged), ${result.chunks} new chunk(s), ${result.embedded} embedded.\n`);
    for (const s of result.skipped) io.stdout.write(`Skipped ${s.path}: ${s.reason.message}\n`);
  }
  return EXIT.ok;
}

export async function runDocsCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, ...args] = positionals;
  const expects: Record<string, (n: number) => boolean> = { add: (n) => n >= 1, search: (n) => n === 1, list: (n) => n === 0, remove: (n) => n === 1, reindex: (n) => n === 0, stats: (n) => n === 0 };
  if (!action || !expects[action]) return usageError(io, action ? `Unknown action "${action}".` : 'Say what to do: add, search, list, remove, reindex or stats.', USAGE);
  if (!expects[action]!(args.length)) return usageError(io, `Wrong number of arguments for "${action}".`, USAGE);
  const limit = values.limit === undefined ? 5 : positiveInteger(values.limit, '--limit', 'results', USAGE, io);
  if (limit === null) return EXIT.usage;
  const filters = filtersFrom(values, io);
  if (!filters) return EXIT.usage;

  const { dataDir } = resolvePaths({ dataDir: values['data-dir'], env: io.env });
  const { settings, notice } = peekSettings(dataDir);
  if (notice) io.stderr.write(`${notice}\n`);
  let service: KnowledgeService;
  try {
    const host = values['keywords-only'] ? null : resolveOllamaHost(values['llm-host'] ?? settings.llm.host, io.env);
    service = openKnowledge({ dataDir, settings: settings.knowledge, clock: systemClock, logger: stderrLogger(io), ollamaHost: host });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof EarshotError && error.code === 'invalid_input' ? EXIT.usage : EXIT.failed;
  }
  try {
    return await runAction(service, action, args, { limit, filters, json: values.json, dataDir }, io);
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  } finally {
    service.close();
  }
}

/** The app watches the added files and folders for changes: keep its list in the settings. */
function rememberSources(dataDir: string, added: string[], removed: string[], io: CliIo): void {
  try {
    const store = SettingsStore.inDataDir(dataDir);
    const current = store.load().settings.knowledge.sources;
    const sources = [...new Set([...current, ...added])].filter((s) => !removed.includes(s));
    if (sources.length !== current.length || sources.some((s, i) => s !== current[i])) store.update({ knowledge: { sources } });
  } catch (error) {
    io.stderr.write(`The document list in the settings could not be updated, so the app will not watch these folders: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

async function runAction(service: KnowledgeService, action: string, args: string[], options: { limit: number; filters: NonNullable<ReturnType<typeof filtersFrom>>; json: boolean; dataDir: string }, io: CliIo): Promise<number> {
  const { json } = options;
  switch (action) {
    case 'add': {
      const code = await runIngest(service, args, false, io, json);
      if (code === EXIT.ok) rememberSources(options.dataDir, args.map((a) => resolve(a)), [], io);
      return code;
    }
    case 'reindex': {
      const paths = service.index.files().map((f) => f.path);
      if (paths.length === 0) {
        io.stdout.write(json ? `${JSON.stringify({ files: 0, chunks: 0, skipped: [] })}\n` : 'No documents are indexed yet; add some with `docs add PATH`.\n');
        return EXIT.ok;
      }
      return runIngest(service, paths, true, io, json);
    }
    case 'search': {
      const query = args[0]!;
      const answer = await service.search.search(query, { limit: options.limit, filters: options.filters }, io.signal);
      service.search.recordQuestion(query);
      if (answer.mode === 'keyword' && service.hasEmbedder) io.stderr.write(KEYWORD_NOTICE(service.embeddingModel));
      if (json) {
        io.stdout.write(`${JSON.stringify({ results: answer.results.map((r) => ({ path: r.path, text: r.text, score: r.score, heading: r.heading, page: r.page })), cache: answer.cache, mode: answer.mode })}\n`);
      } else if (answer.results.length === 0) {
        io.stdout.write('Nothing relevant was found in your documents.\n');
      } else {
        for (const [i, r] of answer.results.entries()) {
          const where = [r.heading, r.page ? `page ${r.page}` : null].filter(Boolean).join(', ');
          io.stdout.write(`${i + 1}. ${r.path}${where ? ` (${where})` : ''}\n   ${r.text.replace(/\s+/g, ' ').slice(0, 240)}\n`);
        }
      }
      return EXIT.ok;
    }
    case 'list': {
      const files = service.index.files();
      if (json) io.stdout.write(`${JSON.stringify({ files: files.map((f) => ({ path: f.path, type: f.type, chunks: f.chunkCount, size: f.size, modified: new Date(f.mtimeMs).toISOString() })) })}\n`);
      else if (files.length === 0) io.stdout.write('No documents are indexed yet; add some with `docs add PATH`.\n');
      else for (const f of files) io.stdout.write(`${f.path}  ${f.type}  ${f.chunkCount} chunk(s)\n`);
      return EXIT.ok;
    }
    case 'remove': {
      const removed = service.index.remove(resolve(args[0]!));
      rememberSources(options.dataDir, [], [resolve(args[0]!)], io);
      io.stdout.write(json ? `${JSON.stringify({ removed })}\n` : `Removed ${removed} file(s) from the index.\n`);
      return EXIT.ok;
    }
    default: {
      service.search.flushStats();
      const counters = service.index.counters();
      const stats = { files: service.index.files().length, chunks: service.index.chunkCount(), embedded: service.index.embeddedChunkCount(service.embedderId), caches: counters };
      if (json) io.stdout.write(`${JSON.stringify(stats)}\n`);
      else {
        io.stdout.write(`${stats.files} file(s), ${stats.chunks} chunk(s), ${stats.embedded} embedded.\n`);
        for (const c of counters) io.stdout.write(`${c.kind}: ${c.hits} hit(s), ${c.misses} miss(es)\n`);
      }
      return EXIT.ok;
    }
  }
}
