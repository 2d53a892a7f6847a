// The CLI's bundle: one CommonJS file built by esbuild from src/main/cli.ts, with packages left to
// node_modules (native modules cannot be bundled). Node starts it several times faster than tsx,
// which compiles every source file again on each run. It is rebuilt whenever a source file is
// newer than it, so `npm run ask` never runs stale code and a clean clone needs no build step.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Newest modification time (ms) among the files under `dirs`; 0 when there are none. */
export function newestSourceTime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return newest;
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Whether the bundle must be (re)built: it is missing or older than a source. */
export function bundleIsStale(bundleTime, sourceTime) {
  return bundleTime === null || bundleTime < sourceTime;
}

/** Builds `outfile` from `entry` when stale; resolves to whether it built. */
export async function ensureBundle({ entry, sources, outfile }) {
  if (!bundleIsStale(modifiedAt(outfile), newestSourceTime(sources))) return false;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    packages: 'external',
    write: false,
    logLevel: 'error',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  // Written aside and renamed: two commands started at once never run a half-written bundle.
  const temporary = `${outfile}.${process.pid}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, outfile);
  return true;
}

/**
 * What the CLI runs from under `root`: the CLI itself, and the Whisper, document search and ingest
 * worker threads' entries, which it starts by path from beside cli.js (a worker thread needs a file of its own).
 */
export function cliBundles(root) {
  const bin = join(root, 'out', 'cli', 'bin');
  return [
    { entry: join(root, 'src', 'main', 'cli.ts'), outfile: join(bin, 'cli.js') },
    { entry: join(root, 'src', 'main', 'core', 'engines', 'stt', 'whisper-worker.ts'), outfile: join(bin, 'whisper-worker.js') },
    { entry: join(root, 'src', 'main', 'core', 'knowledge', 'search-worker.ts'), outfile: join(bin, 'search-worker.js') },
    { entry: join(root, 'src', 'main', 'core', 'knowledge', 'ingest-worker.ts'), outfile: join(bin, 'ingest-worker.js') },
  ];
}
