// The user sees every memory and takes any back from the command line: list, forget ID, clear.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMemoryCommand } from '../../../src/main/cli/memory-command';
import { SqliteMemoryStore } from '../../../src/main/core/memory/memory-store';
import { openEarshotDatabase } from '../../../src/main/core/store/databases';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} as NodeJS.ProcessEnv },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('npm run memory', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  const seed = (texts: string[]) => {
    const { db } = openEarshotDatabase(data.dir, { clock: new FakeClock(), logger: recordingLogger() });
    const store = new SqliteMemoryStore(db, new FakeClock());
    const ids = texts.map((t, i) => store.add(t, { kind: i === 0 ? 'profile' : 'fact' }));
    db.close();
    return ids;
  };
  const run = async (...argv: string[]) => {
    const c = capture();
    const code = await runMemoryCommand([...argv, '--data-dir', data.dir], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };

  it('lists every memory with its id, as text and as JSON', async () => {
    const [ana, tea] = seed(['The user is called Ana.', 'The user likes tea.']);
    const text = await run('list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`${ana}\\s+profile .*The user is called Ana\\.`));
    expect(text.stdout).toMatch(new RegExp(`${tea}\\s+fact .*The user likes tea\\.`));
    const json = await run('list', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject([
      { id: ana, kind: 'profile', text: 'The user is called Ana.' },
      { id: tea, kind: 'fact', text: 'The user likes tea.' },
    ]);
  });

  it('forgets one memory by id, and says so when there is no such id', async () => {
    const [ana, tea] = seed(['The user is called Ana.', 'The user likes tea.']);
    expect(await run('forget', String(tea), '--json')).toMatchObject({ code: 0, stdout: `{"deleted":1,"id":${tea}}\n` });
    expect(JSON.parse((await run('list', '--json')).stdout).map((m: { id: number }) => m.id)).toEqual([ana]);
    const missing = await run('forget', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no memory 999/);
    expect((await run('forget', 'abc')).code).toBe(2);
  });

  it('clears every memory', async () => {
    seed(['The user is called Ana.', 'The user likes tea.']);
    expect(await run('clear')).toMatchObject({ code: 0, stdout: 'Deleted 2 memories.\n' });
    expect(JSON.parse((await run('list', '--json')).stdout)).toEqual([]);
  });

  it('prints a memory holding control characters as visible escapes', async () => {
    seed(['The user is \u001b[2Jhere']);
    expect((await run('list')).stdout).toContain('\\u001b[2Jhere');
  });

  it('answers on a data folder without a database, and explains usage mistakes', async () => {
    expect(await run('list', '--json')).toMatchObject({ code: 0, stdout: '[]\n' });
    expect((await run()).code).toBe(2);
    expect((await run('wipe')).code).toBe(2);
  });
});
