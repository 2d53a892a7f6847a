// What a CLI command gets from its host: streams and environment, passed in so tests can run
// commands in-process.
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Earshot's resources/ folder (phrases, icons); commands that need it know its default. */
  resourcesDir?: string;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
