// A minimal structured logger interface; hosts decide where lines go.
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Writes JSON lines to a stream when the level is at or above `min`. */
export function streamLogger(write: (line: string) => void, min: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const log = (level: keyof typeof order) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] >= order[min]) write(`${JSON.stringify({ t: new Date().toISOString(), level, message, ...fields })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
