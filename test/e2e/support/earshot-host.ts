// Runs the browser host (`npm run web`) for one test: its own data folder, the stand-in models,
// the snapshot of the renderer, and the given Ollama. Resolves with the page URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { E2E_PATHS, REPO_ROOT } from './e2e-paths';

export interface EarshotHost {
  /** The page to open, with this run's token. */
  url: string;
  stop(): Promise<void>;
}

export interface HostOptions {
  llmHost: string;
  dataDir: string;
  /** Where the host's output goes. */
  logFile: string;
  /** The models folder; the stand-in models when omitted. */
  modelsDir?: string;
  startTimeoutMs?: number;
}

/** A port nothing listens on (for "Ollama is not running"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      // The host runs under tsx, which starts node as its child: signal the whole group.
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

export async function startEarshotHost(options: HostOptions): Promise<EarshotHost> {
  await mkdir(options.dataDir, { recursive: true });
  const log = createWriteStream(options.logFile);
  const args = [E2E_PATHS.webMain, '--port', '0', '--llm-host', options.llmHost, '--data-dir', options.dataDir, '--models-dir', options.modelsDir ?? E2E_PATHS.models, '--host-dir', E2E_PATHS.renderer];
  const child = spawn(E2E_PATHS.tsx, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OLLAMA_HOST: options.llmHost } });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', (code, signal) => log.write(`\n[e2e] browser host exited: code ${code} signal ${signal}\n`));

  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`The browser host did not start within ${options.startTimeoutMs ?? 60_000} ms; see ${options.logFile}`)), options.startTimeoutMs ?? 60_000);
    child.stdout?.on('data', (data: Buffer) => {
      log.write(data);
      seen += data.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser host exited (code ${code}) before it was ready; see ${options.logFile}`));
    });
  });

  return {
    url,
    stop: async () => {
      await stopProcess(child);
      // Let the exit line reach the log before closing it.
      await new Promise((r) => setTimeout(r, 10));
      log.end();
    },
  };
}
