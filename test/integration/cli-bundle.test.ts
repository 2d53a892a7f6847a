// The bundle `npm run ask` (and history, cache, models, analyze) runs from: built when missing,
// rebuilt when a source is newer, left alone otherwise, and runnable by plain node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { bundleIsStale, ensureBundle } from '../../scripts/cli-bundle.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-cli-bundle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'src'));
  const entry = join(dir, 'src', 'cli.ts');
  writeFileSync(join(dir, 'src', 'words.ts'), "export const word: string = 'first';\n");
  writeFileSync(entry, "import { word } from './words';\nprocess.stdout.write(word + ' ' + process.argv.slice(2).join(' '));\n");
  return { dir, entry, sources: [join(dir, 'src')], outfile: join(dir, 'out', 'cli', 'bin', 'cli.js') };
}

const run = (outfile: string) => execFileSync(process.execPath, [outfile, 'ask', '--help'], { encoding: 'utf8' });

describe('the CLI bundle', () => {
  it('is built when missing, and runs with the arguments it was given', async () => {
    const p = project();
    expect(await ensureBundle(p)).toBe(true);
    expect(run(p.outfile)).toBe('first ask --help');
  });

  it('is not rebuilt while no source changed, and is rebuilt once one did', async () => {
    const p = project();
    await ensureBundle(p);
    expect(await ensureBundle(p)).toBe(false);
    writeFileSync(join(p.dir, 'src', 'words.ts'), "export const word: string = 'second';\n");
    const later = statSync(p.outfile).mtimeMs / 1000 + 5;
    utimesSync(join(p.dir, 'src', 'words.ts'), later, later);
    expect(await ensureBundle(p)).toBe(true);
    expect(run(p.outfile)).toBe('second ask --help');
  });

  it('counts as stale when missing or older than the newest source', () => {
    expect(bundleIsStale(null, 0)).toBe(true);
    expect(bundleIsStale(100, 200)).toBe(true);
    expect(bundleIsStale(200, 200)).toBe(false);
  });
});
