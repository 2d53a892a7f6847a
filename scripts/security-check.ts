// Runs @doyensec/electronegativity over the sources and fails on any high or medium finding
// that is not in scripts/security-reviewed.json — a list of manual-review findings, each
// with the check, the file and why it is safe. A reviewed entry that no longer matches also fails,
// so the list cannot go stale. Works offline: given the Electron version, it skips fetching releases.
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
  const reviewed = JSON.parse(readFileSync(join(__dirname, 'security-reviewed.json'), 'utf8')) as Array<{ check: string; file: string; reason: string }>;
  const isReviewed = (r: { check: string; file: string }) => reviewed.some((x) => x.check === r.check && x.file === r.file);
  const serious = rows.filter((r) => (r.severity === 'HIGH' || r.severity === 'MEDIUM') && !isReviewed(r));
  const stale = reviewed.filter((x) => !rows.some((r) => r.check === x.check && r.file === x.file));
  for (const r of rows) console.log(`${r.severity.padEnd(8)} ${isReviewed(r) ? 'reviewed' : '        '} ${r.check.padEnd(30)} ${r.file}:${r.location}`);
  for (const x of stale) console.log(`stale review entry (no such finding any more): ${x.check} ${x.file}`);
  console.log(`electronegativity: ${rows.length} findings, ${serious.length} high or medium not reviewed (Electron ${electronVersion})`);
  process.exitCode = serious.length > 0 || stale.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
