// `npm run bench -- [--json] [--turns N] [--compute real|scripted] [--real]`, parsed. Pure.
import { parseArgs } from 'node:util';
import { PRESET_NAMES, type PresetName } from '../src/shared/settings';

export interface BenchArgs {
  json: boolean;
  /** The settings preset the computing engines run with (models, beam, token cap). */
  preset: PresetName;
  turns: number;
  real: boolean;
  /** 'real': the engines compute on real-size stand-ins; 'scripted': they wait out a profile. */
  compute: 'scripted' | 'real';
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run --silent bench -- [--json] [--turns N] [--compute real|scripted] [--preset P] [--real]
  --json      print one JSON object (latency percentiles, speedup, overhead, targets, profile, machine)
  --turns N   measured turns (default 10 with --compute real, 30 otherwise); each runs Earshot, the
              sequential baseline and a cache hit
  --compute real      the real Whisper and sherpa-onnx code computing on stand-ins of real model size,
              and the fake Ollama timed by a CPU model (prefill per uncached token, one KV slot);
              the default: only computing engines compete for the CPU as a laptop's do
  --compute scripted  engines that wait out the scripted laptop profile (quicker, uses no CPU)
  --preset P  with --compute real: fast, balanced (the default) or quality — its Whisper size on a
              stand-in of that size, its beam and its token cap
  --real      the real engines (EARSHOT_MODELS_DIR) and a real Ollama (OLLAMA_HOST) instead of the
              scripted laptop profile
`;

/** Throws an Error whose message is fit to print above the usage. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      turns: { type: 'string' },
      real: { type: 'boolean', default: false },
      compute: { type: 'string' },
      preset: { type: 'string', default: 'balanced' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const compute = values.compute ?? (values.real ? 'scripted' : 'real');
  if (compute !== 'real' && compute !== 'scripted') throw new Error(`--compute takes "real" or "scripted" (got "${compute}").`);
  if (values.real && values.compute === 'real') throw new Error('--real already uses the real engines; leave out --compute real.');
  const turns = Number(values.turns ?? (compute === 'real' && !values.real ? 10 : 30));
  if (!Number.isInteger(turns) || turns < 1 || turns > 1000) throw new Error(`--turns takes a whole number from 1 to 1000 (got "${values.turns}").`);
  const preset = values.preset as PresetName;
  if (!PRESET_NAMES.includes(preset)) throw new Error(`--preset takes ${PRESET_NAMES.join(', ')} (got "${values.preset}").`);
  if (preset !== 'balanced' && compute !== 'real') throw new Error('--preset applies to --compute real only.');
  return { json: values.json, turns, real: values.real, compute, preset, help: values.help };
}
