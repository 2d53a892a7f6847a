// `npm run bench -- [--json] [--turns N] [--real]`, parsed. Pure.
import { parseArgs } from 'node:util';

export interface BenchArgs {
  json: boolean;
  turns: number;
  real: boolean;
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run --silent bench -- [--json] [--turns N] [--real]
  --json      print one JSON object (latency percentiles, speedup, overhead, targets, profile, machine)
  --turns N   measured turns (default 30); each runs Earshot, the sequential baseline and a cache hit
  --real      the real engines (EARSHOT_MODELS_DIR) and a real Ollama (OLLAMA_HOST) instead of the
              scripted laptop profile
`;

/** Throws an Error whose message is fit to print above the usage. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      turns: { type: 'string', default: '30' },
      real: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const turns = Number(values.turns);
  if (!Number.isInteger(turns) || turns < 1 || turns > 1000) throw new Error(`--turns takes a whole number from 1 to 1000 (got "${values.turns}").`);
  return { json: values.json, turns, real: values.real, help: values.help };
}
