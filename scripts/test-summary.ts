// Prints one closing line for the whole `npm test` run — "N passed, N failed, N skipped" — summed
// from vitest's and Playwright's JSON reports (test-results/vitest.json, test-results/e2e.json).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const results = join(__dirname, '..', 'test-results');
const read = (name: string): unknown => {
  const path = join(results, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};

const vitest = read('vitest.json') as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
const e2e = read('e2e.json') as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
if (!vitest || !e2e) {
  console.error('test summary: a JSON report is missing (test-results/vitest.json or test-results/e2e.json).');
  process.exitCode = 1;
} else {
  const passed = vitest.numPassedTests + e2e.stats.expected + e2e.stats.flaky;
  const failed = vitest.numFailedTests + e2e.stats.unexpected;
  const skipped = vitest.numPendingTests + vitest.numTodoTests + e2e.stats.skipped;
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
}
