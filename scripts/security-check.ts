// Runs @doyensec/electronegativity over the sources and fails on any high or medium finding
// (issue 7). It works offline: given the Electron version, it skips fetching Electron's releases.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'earshot-electronegativity-'));
const report = join(work, 'report.csv');

try {
  execFileSync(join(root, 'node_modules', '.bin', 'electronegativity'), ['-i', 'src', '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: 180_000,
  });
  const rows = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.match(/^([A-Z_]+),"(\w+)","(\w+)","([^"]*)","([^"]*)"/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map(([, check = '', severity = '', confidence = '', file = '', location = '']) => ({ check, severity, confidence, file, location }));
  const serious = rows.filter((r) => r.severity === 'HIGH' || r.severity === 'MEDIUM');
  for (const r of rows) console.log(`${r.severity.padEnd(13)} ${r.check.padEnd(34)} ${r.file}:${r.location}`);
  console.log(`electronegativity: ${rows.length} findings, ${serious.length} high or medium (Electron ${electronVersion})`);
  process.exitCode = serious.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
