// Headless entry: `npm run ask|history|cache|analyze|models -- …`. Expected failures print one line on
// stderr and exit non-zero; no stack traces.
import { runAnalyzeCommand } from './cli/analyze-command';
import { runAskCommand } from './cli/ask-command';
import { runCacheCommand } from './cli/cache-command';
import { runDocsCommand } from './cli/docs-command';
import { type CliCommand, EXIT } from './cli/cli-io';
import { runHistoryCommand } from './cli/history-command';
import { runMemoryCommand } from './cli/memory-command';
import { runModelsCommand } from './cli/models-command';
import { runWakeCommand } from './cli/wake-command';
import { engineLoadChecks } from './core/models/engine-load-checks';

const COMMANDS: Record<string, CliCommand> = {
  ask: runAskCommand,
  history: runHistoryCommand,
  cache: runCacheCommand,
  analyze: runAnalyzeCommand,
  models: (argv, io) => runModelsCommand(argv, io, { loadChecks: engineLoadChecks() }),
  memory: runMemoryCommand,
  docs: runDocsCommand,
  wake: (argv, io) => runWakeCommand(argv, io),
};

async function main(): Promise<number> {
  const [name, ...argv] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`Unknown command "${name ?? ''}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`);
    return EXIT.usage;
  }
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  return command(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: interrupt.signal });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Earshot failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  },
);
