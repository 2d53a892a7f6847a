// `npm run web`: the browser host's entry. Opens the runtime, serves the built renderer with the
// contract on a loopback WebSocket, prints the URL to open, and shuts down cleanly on Ctrl-C.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toErrorInfo } from '../../shared/errors';
import { createContractHandler } from '../core/runtime/contract-handler';
import { streamLogger } from '../core/platform/logger';
import { resolvePaths } from '../core/platform/paths';
import { openRuntime } from '../core/runtime/runtime';
import { parseWebArgs } from './web-args';
import { startWebHost } from './web-host';

const repoRoot = join(__dirname, '..', '..', '..');

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<number> {
  const parsed = parseWebArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const { args } = parsed;
  const logger = streamLogger((line) => process.stderr.write(line), 'warn');
  const runtime = await openRuntime({
    paths: resolvePaths({ dataDir: args.dataDir, modelsDir: args.modelsDir, env: process.env }),
    env: process.env,
    overrides: args.llmHost ? { llmHost: args.llmHost } : undefined,
    warmCaches: true,
    resourcesDir: join(repoRoot, 'resources'),
    logger,
  });
  const handler = createContractHandler(runtime, { version: packageVersion(), logger });
  let host;
  try {
    host = await startWebHost({ handler, rendererDir: resolve(args.hostDir ?? join(repoRoot, 'out', 'renderer')), port: args.port, logger });
  } catch (error) {
    handler.dispose();
    await runtime.close();
    throw error;
  }
  if (runtime.notice) process.stderr.write(`${runtime.notice}\n`);
  process.stdout.write(`Earshot is running. Open ${host.url}\n`);

  const opened = host;
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await opened.close();
  handler.dispose();
  await runtime.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Earshot's browser host could not start: ${toErrorInfo(error).message}\n`);
    process.exitCode = 1;
  },
);
