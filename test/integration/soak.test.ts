// Soak: 1000 turns through the core in a child process with --expose-gc.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_LIMITS } from '../../src/main/core/store/response-cache';
import { DEFAULT_TTS_BOUNDS } from '../../src/main/core/store/tts-cache';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('soak', () => {
  it('1000 turns: no failures, RSS grows < 10 % after warm-up, no leaked handles or listeners, caches in bounds', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/soak-runner.ts', '1000'], {
      cwd: ROOT,
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const report = JSON.parse(stdout);
    expect(report.failures).toBe(0);
    expect(report.history).toBe(1000);
    expect(report.warnings).toEqual([]);
    expect(report.rss.growth).toBeLessThan(0.1);
    expect(report.resources.end).toEqual(report.resources.warmup);
    for (const cache of report.caches as Array<{ kind: string; entries: number; bytes: number }>) {
      const bounds = cache.kind === 'tts' ? DEFAULT_TTS_BOUNDS : DEFAULT_RESPONSE_LIMITS;
      expect(cache.entries, cache.kind).toBeLessThanOrEqual(bounds.maxEntries);
      expect(cache.bytes, cache.kind).toBeLessThanOrEqual(bounds.maxBytes);
    }
    // Repeated questions were answered from the response cache.
    expect(report.caches.find((c: { kind: string }) => c.kind === 'response').hits).toBeGreaterThan(50);
  }, 180_000);
});
