import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHistoryCommand } from '../../../src/main/cli/history-command';
import { SqliteConversationStore } from '../../../src/main/core/store/conversation-store';
import { openEarshotDatabase } from '../../../src/main/core/store/databases';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { FakeClock, recordingLogger, tempDataDir, turn } from '../../support/store-fixtures';

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('CLI: history list|show|delete|clear|export', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
    const clock = new FakeClock();
    const { db } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    let n = 0;
    const conversations = new SqliteConversationStore(db, { clock, newId: () => `c${++n}` });
    const history = new SqliteHistoryStore(db, conversations);
    history.append(turn(1, { transcript: 'Plan my day', reply: '- buy **milk**' }));
    clock.advance(60_000);
    conversations.start();
    history.append(turn(2, { transcript: 'Weather in Lisbon?', reply: 'Sunny.', at: clock.wallNow() }));
    conversations.rename('c2', 'Weather');
    db.close();
  });
  afterEach(() => data.remove());

  const run = async (args: string[]) => {
    const c = capture();
    const code = await runHistoryCommand([...args, '--data-dir', data.dir], c.io);
    return { code, out: c.stdout(), err: c.stderr() };
  };

  it('lists conversations newest first, as text and as JSON', async () => {
    const text = await run(['list']);
    expect(text.code).toBe(0);
    expect(text.out.indexOf('Weather')).toBeLessThan(text.out.indexOf('Plan my day'));
    expect(text.out).toContain('(current)');
    const json = await run(['list', '--json']);
    expect(JSON.parse(json.out)).toEqual([
      expect.objectContaining({ id: 'c2', title: 'Weather', turns: 1, current: true }),
      expect.objectContaining({ id: 'c1', preview: 'Plan my day', turns: 1, current: false }),
    ]);
  });

  it('shows and exports one conversation', async () => {
    expect(JSON.parse((await run(['show', 'c1', '--json'])).out)).toEqual([expect.objectContaining({ transcript: 'Plan my day', reply: '- buy **milk**' })]);
    const markdown = await run(['export', 'c2']);
    expect(markdown.out).toMatch(/^# Weather\n\n## \d{4}-\d\d-\d\dT[\d:]+Z\n\n\*\*You:\*\* Weather in Lisbon\?\n\n\*\*Earshot:\*\* Sunny\.\n$/);
    expect(JSON.parse((await run(['export', 'c2', '--json'])).out)).toMatchObject({ id: 'c2', title: 'Weather', turns: [{ reply: 'Sunny.' }] });
  });

  it('deletes one conversation, and clears only with --yes', async () => {
    expect((await run(['delete', 'c1'])).code).toBe(0);
    expect(JSON.parse((await run(['list', '--json'])).out)).toHaveLength(1);
    const refused = await run(['clear']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    expect(JSON.parse((await run(['list', '--json'])).out)).toHaveLength(1);
    expect((await run(['clear', '--yes'])).code).toBe(0);
    expect(JSON.parse((await run(['list', '--json'])).out)).toEqual([]);
  });

  it('explains a missing or unknown id and an unknown subcommand', async () => {
    const missing = await run(['show']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/needs a conversation id/);
    const unknown = await run(['show', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no longer there/);
    const bad = await run(['remove', 'c1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Unknown subcommand "remove"/);
  });
});
