// `npm run web -- --port N [--llm-host URL] [--data-dir DIR] [--models-dir DIR] [--host-dir DIR]`:
// the browser host's command line, parsed into options or a usage error a person can act on.
import { parseArgs } from 'node:util';

export interface WebArgs {
  port: number;
  llmHost?: string;
  dataDir?: string;
  modelsDir?: string;
  /** The built renderer to serve (default out/renderer). */
  hostDir?: string;
}

export const WEB_USAGE =
  'Usage: npm run web -- --port N [--llm-host URL] [--data-dir DIR] [--models-dir DIR] [--host-dir out/renderer]\n' +
  '  --port 0 picks a free port. The page is served on 127.0.0.1 only.';

export function parseWebArgs(argv: string[]): { ok: true; args: WebArgs } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'llm-host': { type: 'string' },
        'data-dir': { type: 'string' },
        'models-dir': { type: 'string' },
        'host-dir': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${WEB_USAGE}` };
  }
  const port = values.port === undefined ? 5190 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return { ok: false, message: `--port must be a number from 0 to 65535.\n${WEB_USAGE}` };
  const llmHost = values['llm-host'];
  if (llmHost !== undefined && !/^https?:\/\/[^\s/]+/.test(llmHost)) {
    return { ok: false, message: `--llm-host must be an http(s) URL such as http://127.0.0.1:11434.\n${WEB_USAGE}` };
  }
  return { ok: true, args: { port, llmHost, dataDir: values['data-dir'], modelsDir: values['models-dir'], hostDir: values['host-dir'] } };
}
