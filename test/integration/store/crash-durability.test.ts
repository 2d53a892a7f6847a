// kill -9 in the middle of 1000 history/memory writes: the database stays intact and holds every
// write the child acknowledged.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEarshotDatabase } from '../../../src/main/core/store/databases';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

const root = join(__dirname, '../../..');

function runUntilKilled(dataDir: string, killAfterAcks: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null; done: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/crash-writer.ts'), dataDir, '1000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let done = false;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('ack ')) {
        acked.push(line.slice(4));
        if (acked.length === killAfterAcks) child.kill('SIGKILL');
      }
      if (line === 'done') done = true;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`crash-writer exited with ${code}: ${stderr}`));
      else resolve({ acked, signal, done });
    });
  });
}

describe('durability of earshot.db', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir('earshot-crash-')));
  afterEach(() => data.remove());

  it.each([137, 411, 803])('keeps every acknowledged write when the writer is killed with SIGKILL after %i acks', async (killAt) => {
    const { acked, signal, done } = await runUntilKilled(data.dir, killAt);
    expect(signal).toBe('SIGKILL');
    expect(done).toBe(false);
    expect(acked.length).toBeGreaterThanOrEqual(killAt);

    const raw = new Database(join(data.dir, 'earshot.db'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const turns = new Set(raw.prepare('SELECT id FROM turns').pluck().all() as string[]);
    const facts = new Set(raw.prepare('SELECT text FROM memories').pluck().all() as string[]);
    raw.close();
    for (const ack of acked) {
      const [kind, ...rest] = ack.split(' ');
      const key = rest.join(' ');
      expect(kind === 'history' ? turns.has(key) : facts.has(key), `acknowledged ${ack} is missing`).toBe(true);
    }
    // At most the one write in flight when the kill landed is there without its ack.
    expect(turns.size + facts.size - acked.length).toBeLessThanOrEqual(1);

    // Earshot opens it again without a notice: nothing was put aside.
    const reopened = openEarshotDatabase(data.dir, { clock: new FakeClock(), logger: recordingLogger() });
    expect(reopened.notice).toBeNull();
    reopened.db.close();
  });
});
