// A child process for the kill -9 test: opens earshot.db in <dataDir> and makes <count> writes,
// alternating a history turn and a memory, printing "ack <kind> <key>" after each one is committed.
// Run with: node --import tsx test/support/crash-writer.ts <dataDir> <count>
import { systemClock } from '../../src/main/core/platform/clock';
import { silentLogger } from '../../src/main/core/platform/logger';
import { SqliteMemoryStore } from '../../src/main/core/memory/memory-store';
import { openEarshotDatabase } from '../../src/main/core/store/databases';
import { SqliteHistoryStore } from '../../src/main/core/store/history-store';

const [dataDir, countText] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: crash-writer.ts <dataDir> [count]\n');
  process.exit(2);
}
const count = Number(countText ?? 1000);
const { db } = openEarshotDatabase(dataDir, { clock: systemClock, logger: silentLogger });
const history = new SqliteHistoryStore(db);
const memories = new SqliteMemoryStore(db, systemClock);
process.stdout.write('ready\n');

for (let i = 0; i < count; i++) {
  if (i % 2 === 0) {
    const id = `crash-turn-${i}`;
    history.append({ id, at: Date.now(), transcript: `question ${i} ${'q'.repeat(200)}`, reply: `reply ${i} ${'r'.repeat(600)}`, language: 'en', complete: true });
    process.stdout.write(`ack history ${id}\n`);
  } else {
    const text = `crash fact ${i}`;
    memories.add(text);
    process.stdout.write(`ack memory ${text}\n`);
  }
}
db.close();
process.stdout.write('done\n');
