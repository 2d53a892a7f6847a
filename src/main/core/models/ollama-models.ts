// Ollama's models: which are present (/api/tags) and pulling one (/api/pull, streamed NDJSON of
// { status, digest, total, completed }). Pull progress comes out as the same ModelProgress events
// as catalog downloads, summed over the layers, so the UI shows both alike.
import { Ollama } from 'ollama';
import { EarshotError } from '../../../shared/errors';
import { systemClock, type Clock } from '../platform/clock';
import { abortError, classifyOllamaFailure, ollamaError } from '../engines/llm/ollama-errors';
import type { Fetch } from './http-download';
import { createProgressReporter, type ProgressListener, type ProgressPhase } from './progress';

export interface OllamaModelInfo {
  name: string;
  sizeBytes: number;
  digest: string;
  family: string | null;
  parameterSize: string | null;
  quantization: string | null;
}

export interface OllamaPullLine {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

export interface PullTally {
  /** Per layer digest: bytes total and completed. */
  layers: ReadonlyMap<string, { total: number; completed: number }>;
  phase: ProgressPhase;
  status: string;
}

export const EMPTY_PULL_TALLY: PullTally = { layers: new Map(), phase: 'connecting', status: '' };

/** Which phase an Ollama pull status line belongs to. */
export function pullPhaseOf(status: string): ProgressPhase {
  if (status === 'success') return 'done';
  if (/^pulling manifest/.test(status)) return 'connecting';
  if (/^pulling /.test(status) || /^downloading/.test(status)) return 'downloading';
  if (/verifying/.test(status)) return 'verifying';
  return 'installing';
}

/** Folds one status line into the tally. Pure. */
export function foldPullLine(tally: PullTally, line: OllamaPullLine): PullTally {
  let layers = tally.layers;
  if (line.digest && typeof line.total === 'number' && line.total > 0) {
    const next = new Map(layers);
    next.set(line.digest, { total: line.total, completed: Math.min(line.total, line.completed ?? 0) });
    layers = next;
  }
  return { layers, phase: pullPhaseOf(line.status), status: line.status };
}

export function pullTotals(tally: PullTally): { receivedBytes: number; totalBytes: number | null } {
  if (tally.layers.size === 0) return { receivedBytes: 0, totalBytes: null };
  let receivedBytes = 0;
  let totalBytes = 0;
  for (const layer of tally.layers.values()) {
    receivedBytes += layer.completed;
    totalBytes += layer.total;
  }
  return { receivedBytes, totalBytes };
}

/** "llama3.2" and "llama3.2:latest" are the same model. */
export function sameOllamaModel(a: string, b: string): boolean {
  const tagged = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return tagged(a) === tagged(b);
}

export interface OllamaModelsDeps {
  /** Base URL, e.g. http://127.0.0.1:11434 (see engines/ollama-host.ts). */
  host: string;
  fetch?: Fetch;
  clock?: Clock;
}

export interface PullOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface OllamaModels {
  list(signal?: AbortSignal): Promise<OllamaModelInfo[]>;
  has(name: string): Promise<boolean>;
  /** The names among `names` that Ollama does not have. */
  missing(names: readonly string[]): Promise<string[]>;
  pull(name: string, options?: PullOptions): Promise<void>;
}

function pullError(error: unknown, host: string, model: string): EarshotError {
  const failure = classifyOllamaFailure(error, 'connect');
  const text = failure.kind === 'server-error' || failure.kind === 'http' || failure.kind === 'stream-broken' ? (error as Error).message : '';
  if (/file does not exist|manifest unknown|not found/i.test(text)) {
    return new EarshotError('llm_model_missing', `Ollama's library has no model "${model}" — check the name (for example llama3.2:3b) and try again`, { cause: error, params: { variant: 'unknown', model } });
  }
  return ollamaError(failure, { host, model, timeoutMs: 0 }, error);
}

export function createOllamaModels(deps: OllamaModelsDeps): OllamaModels {
  const baseFetch = deps.fetch ?? globalThis.fetch;
  const clock = deps.clock ?? systemClock;

  /** A client whose requests also stop when `signal` fires. */
  const clientFor = (signal?: AbortSignal) =>
    new Ollama({
      host: deps.host,
      fetch: (input, init) => baseFetch(input, { ...init, signal: signal && init?.signal ? AbortSignal.any([signal, init.signal]) : (signal ?? init?.signal) }),
    });

  const list = async (signal?: AbortSignal): Promise<OllamaModelInfo[]> => {
    try {
      const response = await clientFor(signal).list();
      return response.models.map((m) => ({
        name: m.name,
        sizeBytes: m.size,
        digest: m.digest,
        family: m.details?.family ?? null,
        parameterSize: m.details?.parameter_size ?? null,
        quantization: m.details?.quantization_level ?? null,
      }));
    } catch (error) {
      if (signal?.aborted) throw abortError(error);
      throw ollamaError(classifyOllamaFailure(error, 'connect'), { host: deps.host, model: '', timeoutMs: 0 }, error);
    }
  };

  return {
    list,
    async has(name) {
      return (await list()).some((m) => sameOllamaModel(m.name, name));
    },
    async missing(names) {
      const present = await list();
      return names.filter((name) => !present.some((m) => sameOllamaModel(m.name, name)));
    },
    async pull(name, options = {}) {
      const { signal } = options;
      const reporter = createProgressReporter({ source: 'ollama', model: name, clock, onProgress: options.onProgress });
      let tally = EMPTY_PULL_TALLY;
      const report = () => reporter.update({ phase: tally.phase, detail: tally.status, ...pullTotals(tally) });
      reporter.update({ phase: 'connecting', detail: `pulling ${name}`, receivedBytes: 0, totalBytes: null });
      try {
        const stream = await clientFor(signal).pull({ model: name, stream: true });
        for await (const line of stream) {
          tally = foldPullLine(tally, line);
          report();
        }
        reporter.flush();
      } catch (error) {
        if (signal?.aborted) throw abortError(error);
        throw pullError(error, deps.host, name);
      }
      if (tally.phase !== 'done') throw new EarshotError('llm_stream_broken', `Ollama stopped pulling "${name}" before it finished — run the pull again; it resumes`, { params: { variant: 'pullStopped', model: name } });
    },
  };
}
