// `npm run --silent models -- <list|fetch|verify|remove> …`: the speech models from a terminal.
//   list [--json]                   what the catalog has and what is installed
//   fetch ID… [--mirror URL] [--force]   download, verify, test-load and install
//   verify [ID]                     re-hash installed files and test-load them
//   remove ID                       delete an installed model
// Shared: --data-dir DIR, --models-dir DIR, --catalog FILE (env EARSHOT_DATA_DIR, EARSHOT_MODELS_DIR,
// EARSHOT_MODELS_CATALOG, EARSHOT_MODELS_MIRROR). The mirror and catalog come from the flag, else the
// environment, else the app's settings (models.mirror, models.catalogFile) — so a mirror set in the
// app is used here too. Failures print one line on stderr; exit codes come from cli-io.
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { EarshotError, toErrorInfo } from '../../shared/errors';
import type { Clock } from '../core/platform/clock';
import { resolvePaths } from '../core/platform/paths';
import { peekSettings } from '../core/settings/settings-store';
import { formatBytes, formatDuration, formatRate } from '../core/models/byte-format';
import { buildCatalog, loadCustomCatalog, type Catalog } from '../core/models/catalog';
import type { Fetch } from '../core/models/http-download';
import { createModelManager, type ModelManager } from '../core/models/model-manager';
import type { ModelFs } from '../core/models/model-fs';
import type { ModelListing } from '../core/models/model-status';
import { OLLAMA_RECOMMENDATIONS } from '../core/models/ollama-recommendations';
import type { ModelProgress, ProgressListener } from '../core/models/progress';
import { INITIAL_LINE_STATE, nextLine, progressLine } from '../core/models/progress-text';
import type { BackoffPolicy, Sleep } from '../core/models/retry-backoff';
import type { LoadChecks } from '../core/models/load-checks';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  'models-dir': { type: 'string' },
  mirror: { type: 'string' },
  catalog: { type: 'string' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent models -- <command> [options]
  list [--json]                      catalog models, sizes and installed state
  fetch ID [ID…] [--mirror URL] [--force]
                                     download, verify and install (resumes interrupted downloads)
  verify [ID]                        re-check installed models (all when no ID)
  remove ID                          delete an installed model
Options: --data-dir DIR (else EARSHOT_DATA_DIR) the app's folder, whose settings give the defaults
         --models-dir DIR (else EARSHOT_MODELS_DIR, else DATA_DIR/models)
         --catalog FILE (else EARSHOT_MODELS_CATALOG, else the app's setting)
         --mirror URL (else EARSHOT_MODELS_MIRROR, else the app's setting) replaces the host of
         every download URL.
`;

/** Test seams; the real ones are used when left out. */
export interface ModelsCommandDeps {
  fetch?: Fetch;
  fs?: ModelFs;
  clock?: Clock;
  sleep?: Sleep;
  backoff?: BackoffPolicy;
  loadChecks?: LoadChecks;
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    const first = (error as Error).message.split(/\.\s|\n/)[0]!.replace(/\.$/, '');
    throw new EarshotError('invalid_input', `${first}. Run \`models help\` for usage.`);
  }
}

/** Where models go and where they come from: flag, else environment, else the app's settings. */
interface Sources {
  modelsDir: string;
  catalogFile: string | undefined;
  mirror: string | undefined;
}

function resolveSources(values: Values, io: CliIo): Sources {
  const { dataDir, modelsDir } = resolvePaths({ dataDir: values['data-dir'], modelsDir: values['models-dir'], env: io.env });
  const fromFlagOrEnv = (flag: string | undefined, env: string | undefined) => flag ?? (env || undefined);
  let catalogFile = fromFlagOrEnv(values.catalog, io.env.EARSHOT_MODELS_CATALOG);
  let mirror = fromFlagOrEnv(values.mirror, io.env.EARSHOT_MODELS_MIRROR);
  if (catalogFile === undefined || mirror === undefined) {
    const { settings, notice } = peekSettings(dataDir);
    if (notice) io.stderr.write(`${notice}\n`);
    catalogFile ??= settings.models.catalogFile || undefined;
    mirror ??= settings.models.mirror || undefined;
  }
  return { modelsDir, catalogFile, mirror };
}

async function openManager(sources: Sources, deps: ModelsCommandDeps): Promise<ModelManager> {
  const { modelsDir, catalogFile } = sources;
  const catalog: Catalog = catalogFile ? buildCatalog(undefined, await loadCustomCatalog(catalogFile)) : buildCatalog();
  return createModelManager({ modelsDir, catalog, ...deps });
}

/** "default" for first-run models; "unverified" where the catalog pins no checksum for the bytes. */
function notes(r: ModelListing): string {
  return [r.defaultFor.length > 0 ? 'default' : '', r.pinned ? '' : 'unverified'].filter(Boolean).join(', ');
}

function listingTable(rows: ModelListing[], modelsDir: string): string {
  const state = (r: ModelListing) => (r.state === 'missing' ? 'no' : r.state === 'bundled' ? 'yes' : r.state === 'installed' ? 'yes' : r.state);
  const cells = rows.map((r) => [r.id, r.kind, r.languages.join(','), r.state === 'bundled' ? 'bundled' : `${r.sizeIsEstimate ? '~' : ''}${formatBytes(r.sizeBytes)}`, state(r), notes(r)]);
  const header = ['ID', 'KIND', 'LANG', 'SIZE', 'INSTALLED', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const ollama = OLLAMA_RECOMMENDATIONS.filter((m) => m.recommended)
    .map((m) => `${m.name} (${m.role}, ${m.languages.join('/')})`)
    .join(', ');
  return [line(header), ...cells.map(line), '', `Models folder: ${modelsDir}`, `Ollama models (ollama pull NAME): ${ollama}`, ''].join('\n');
}

/** A progress bar on a TTY, plain lines otherwise. Returns the listener and a function to stop it. */
function progressOutput(io: CliIo): { onProgress: ProgressListener; stop: () => void } {
  if (!io.stdout.isTTY) {
    let state = INITIAL_LINE_STATE;
    return {
      onProgress: (progress) => {
        const next = nextLine(state, progress);
        state = next.state;
        if (next.print) io.stdout.write(`${progressLine(progress)}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    {
      stream: io.stdout as NodeJS.WriteStream,
      format: '{model} |{bar}| {percentage}% {sizes} {rate} {left} {phase}',
      hideCursor: true,
      barsize: 28,
      etaBuffer: 1,
    },
    Presets.shades_classic,
  );
  let started = false;
  const payload = (p: ModelProgress) => ({
    model: p.model,
    sizes: p.totalBytes === null ? formatBytes(p.receivedBytes) : `${formatBytes(p.receivedBytes)}/${formatBytes(p.totalBytes)}`,
    rate: formatRate(p.bytesPerSecond),
    left: p.etaSeconds ? `${formatDuration(p.etaSeconds)} left` : '',
    phase: p.phase === 'downloading' ? '' : p.phase,
  });
  return {
    onProgress: (p) => {
      const total = Math.max(1, p.totalBytes ?? 1);
      if (!started) {
        bar.start(total, Math.min(p.receivedBytes, total), payload(p));
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(Math.min(p.receivedBytes, total), payload(p));
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** `terminal` is the unfiltered stdout: a progress bar draws with control sequences of its own. */
async function fetchCommand(ids: string[], values: Values, mirror: string | undefined, io: CliIo, models: ModelManager, terminal: CliIo['stdout']): Promise<number> {
  if (ids.length === 0) throw new EarshotError('invalid_input', 'Say which model to fetch, e.g. `models fetch whisper-base` (see `models list`).');
  for (const id of ids) {
    const output = progressOutput(terminal.isTTY ? { ...io, stdout: terminal } : io);
    let outcome;
    try {
      outcome = await models.install(id, { mirror, force: values.force, signal: io.signal, onProgress: output.onProgress });
    } finally {
      output.stop();
    }
    if (outcome.status === 'bundled') io.stdout.write(`${id} ships with Earshot; nothing to fetch.\n`);
    else if (outcome.status === 'already-installed') io.stdout.write(`${id} is already installed (use --force to fetch it again).\n`);
    else {
      const size = outcome.manifest.files.reduce((sum, f) => sum + f.size, 0);
      io.stdout.write(`${id} installed in ${models.modelDir(id)} (${formatBytes(size)}).\n`);
    }
  }
  return EXIT.ok;
}

async function verifyCommand(ids: string[], io: CliIo, models: ModelManager): Promise<number> {
  const results = ids.length > 0 ? await Promise.all(ids.map((id) => models.verify(id, io.signal))) : await models.verifyAll(io.signal);
  if (results.length === 0) {
    io.stdout.write('No models are installed yet — run `models fetch whisper-base` to get one.\n');
    return EXIT.ok;
  }
  for (const result of results) {
    io.stdout.write(result.ok ? `${result.id}: ok\n` : `${result.id}: ${result.problems.join('; ')}\n`);
  }
  const broken = results.filter((r) => !r.ok).map((r) => r.id);
  if (broken.length === 0) return EXIT.ok;
  io.stderr.write(`${broken.join(', ')} ${broken.length === 1 ? 'is' : 'are'} damaged — run \`models fetch ${broken.join(' ')} --force\` to reinstall.\n`);
  return EXIT.failed;
}

async function removeCommand(ids: string[], io: CliIo, models: ModelManager): Promise<number> {
  if (ids.length !== 1) throw new EarshotError('invalid_input', 'Say which one model to remove, e.g. `models remove whisper-small`.');
  const id = ids[0]!;
  if ((await models.state(id)) === 'bundled') throw new EarshotError('invalid_input', `${id} ships with Earshot and cannot be removed.`);
  const removed = await models.remove(id);
  io.stdout.write(removed ? `Removed ${id}.\n` : `${id} was not installed; nothing to remove.\n`);
  return EXIT.ok;
}

export async function runModelsCommand(argv: string[], terminalIo: CliIo, deps: ModelsCommandDeps = {}): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  try {
    const { values, positionals } = parse(argv);
    const [sub, ...ids] = positionals;
    if (values.help || sub === 'help' || sub === undefined) {
      (sub === undefined && !values.help ? io.stderr : io.stdout).write(USAGE);
      return sub === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    if (!['list', 'fetch', 'verify', 'remove'].includes(sub)) {
      io.stderr.write(`Unknown models command "${sub}". Use list, fetch, verify or remove (\`models help\`).\n`);
      return EXIT.usage;
    }
    const sources = resolveSources(values, io);
    const models = await openManager(sources, deps);
    if (sub === 'list') {
      const rows = await models.list();
      io.stdout.write(values.json ? `${JSON.stringify(rows, null, 2)}\n` : listingTable(rows, models.modelsDir));
      return EXIT.ok;
    }
    if (sub === 'fetch') return await fetchCommand(ids, values, sources.mirror, io, models, terminalIo.stdout);
    if (sub === 'verify') return await verifyCommand(ids, io, models);
    return await removeCommand(ids, io, models);
  } catch (error) {
    const info = toErrorInfo(error);
    io.stderr.write(`${info.message.replace(/\s+/g, ' ').trim()}\n`);
    if (info.code === 'cancelled') return EXIT.interrupted;
    return info.code === 'invalid_input' && /usage|Run `models help`/.test(info.message) ? EXIT.usage : EXIT.failed;
  }
}
