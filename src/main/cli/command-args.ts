// Argument handling every CLI command shares: strict parsing, --help, usage errors (exit 2 with the
// usage text) and whole-number options.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Logger } from '../core/platform/logger';
import { type CliIo, EXIT } from './cli-io';

type Options = NonNullable<ParseArgsConfig['options']> & { help: { type: 'boolean' } };

export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** The parsed arguments, or the exit code when the command is done (help shown, or a usage error). */
export function parseCommand<O extends Options>(argv: string[], options: O, usage: string, io: CliIo): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError(io, (error as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(usage);
    return EXIT.ok;
  }
  return parsed;
}

export function usageError(io: CliIo, message: string, usage: string): number {
  io.stderr.write(`${message}\n${usage}`);
  return EXIT.usage;
}

/** A whole number ≥ 1 from an option, or null (after a usage error) when it is not one. */
export function positiveInteger(value: string | undefined, flag: string, what: string, usage: string, io: CliIo): number | null {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  usageError(io, `${flag} must be a whole number of ${what}, 1 or more (got "${value}").`, usage);
  return null;
}

/** Warnings and errors from the stores go to stderr, one line each. */
export function stderrLogger(io: CliIo): Logger {
  const line = (message: string): void => void io.stderr.write(`${message}\n`);
  return { debug: () => {}, info: () => {}, warn: line, error: line };
}

/**
 * Opens a database, runs the command's work on it and closes it; a failure (a damaged or locked
 * file, a full disk) is printed as its one-line message and exits 1.
 */
export function withDatabase<D extends { close(): unknown }>(io: CliIo, open: () => { db: D }, use: (db: D) => number): number {
  try {
    const { db } = open();
    try {
      return use(db);
    } finally {
      db.close();
    }
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
