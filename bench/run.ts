// `npm run bench -- [--json] [--turns N] [--compute real|scripted] [--real]`: Earshot against the sequential pipeline, in one
// run. See BENCHMARKS.md for the profile and the latest figures.
import { join } from 'node:path';
import { BENCH_USAGE, parseBenchArgs } from './bench-args';
import { buildReport } from './bench-report';
import { runBenchmark } from './benchmark';
import { MissingEnginesError } from './real-setup';
import { formatReport } from './report-table';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  try {
    const measurements = await runBenchmark({
      turns: args.turns,
      real: args.real,
      compute: args.compute,
      preset: args.preset,
      env: process.env,
      resourcesDir: join(__dirname, '..', 'resources'),
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    const report = buildReport(measurements);
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof MissingEnginesError ? error.message : `The benchmark failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`The benchmark failed unexpectedly: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
