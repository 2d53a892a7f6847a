import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/store/database-file';
import { openEarshotDatabase } from '../../../src/main/core/store/databases';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { SqliteMetricsStore } from '../../../src/main/core/store/metrics-store';
import { EARSHOT_MIGRATIONS } from '../../../src/main/core/store/schemas';
import { FakeClock, recordingLogger, tempDataDir, turn } from '../../support/store-fixtures';

describe('history and metrics in earshot.db', () => {
  let data: ReturnType<typeof tempDataDir>;
  const clock = new FakeClock();
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  it('returns the last turns oldest first, and keeps them across a restart', () => {
    const first = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const history = new SqliteHistoryStore(first.db);
    for (let n = 1; n <= 5; n++) history.append(turn(n));
    first.db.close();
    const again = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const recent = new SqliteHistoryStore(again.db).recent(3);
    expect(recent.map((t) => t.id)).toEqual(['turn-3', 'turn-4', 'turn-5']);
    expect(recent[0]).toEqual(turn(3));
    again.db.close();
  });

  it('replaces a turn saved again with the same id (a reply finished after a cancel)', () => {
    const { db } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const history = new SqliteHistoryStore(db);
    history.append(turn(1, { reply: 'Par', complete: false }));
    history.append(turn(2));
    history.append(turn(1, { reply: 'Paris.', complete: true }));
    expect(history.recent(10).map((t) => [t.id, t.reply, t.complete])).toEqual([
      ['turn-1', 'Paris.', true],
      ['turn-2', 'answer number 2', true],
    ]);
    db.close();
  });

  it('records latency marks and cache outcomes per turn', () => {
    const { db } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    const metrics = new SqliteMetricsStore(db, clock);
    metrics.record('turn-1', { keyDown: 0, keyUp: 1200, sttDone: 1450, firstAudioPlayed: 2100 }, { cache: 'miss', model: 'llama3.2:3b', promptEvalCount: 312 });
    metrics.record('turn-2', { keyDown: 0, keyUp: 900, firstAudioPlayed: 960 }, { cache: 'hit', model: 'llama3.2:3b', promptEvalCount: null });
    const recent = metrics.recent(10);
    expect(recent.map((r) => r.turnId)).toEqual(['turn-1', 'turn-2']);
    expect(recent[0]!.marks.firstAudioPlayed).toBe(2100);
    expect(recent[1]!.meta.cache).toBe('hit');
    db.close();
  });

  it('appends history at a measured rate with synchronous=FULL and NORMAL', () => {
    const rates: Record<string, number> = {};
    for (const synchronous of ['FULL', 'NORMAL'] as const) {
      const { db } = openDatabase({ path: join(data.dir, `rate-${synchronous}.db`), role: 'precious', migrations: EARSHOT_MIGRATIONS, what: 'test', clock, logger: recordingLogger(), synchronous });
      const history = new SqliteHistoryStore(db);
      const count = 300;
      const start = performance.now();
      for (let n = 0; n < count; n++) history.append(turn(n, { reply: 'A reply of a typical length, two sentences or so. '.repeat(3) }));
      rates[synchronous] = count / ((performance.now() - start) / 1000);
      db.close();
    }
    console.info(`history appends: FULL ${rates.FULL!.toFixed(0)}/s, NORMAL ${rates.NORMAL!.toFixed(0)}/s`);
    expect(rates.FULL).toBeGreaterThan(20); // a turn takes seconds; dozens of appends a second is plenty
  });
});
