import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteConversationStore } from '../../../src/main/core/store/conversation-store';
import { openEarshotDatabase } from '../../../src/main/core/store/databases';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { migrate } from '../../../src/main/core/store/migrations';
import { EARSHOT_MIGRATIONS } from '../../../src/main/core/store/schemas';
import { FakeClock, recordingLogger, tempDataDir, turn } from '../../support/store-fixtures';

describe('conversations in earshot.db', () => {
  let data: ReturnType<typeof tempDataDir>;
  let clock: FakeClock;
  let close: () => void;
  let conversations: SqliteConversationStore;
  let history: SqliteHistoryStore;

  beforeEach(() => {
    data = tempDataDir();
    clock = new FakeClock();
    const { db } = openEarshotDatabase(data.dir, { clock, logger: recordingLogger() });
    let n = 0;
    conversations = new SqliteConversationStore(db, { clock, newId: () => `c${++n}` });
    history = new SqliteHistoryStore(db, conversations);
    close = () => db.close();
  });
  afterEach(() => {
    close();
    data.remove();
  });

  it('gives the model only the current conversation', () => {
    history.append(turn(1));
    history.append(turn(2));
    conversations.start();
    history.append(turn(3));
    expect(history.recent(200).map((t) => t.id)).toEqual(['turn-3']);
    const [newest, older] = conversations.list();
    expect(newest).toMatchObject({ id: 'c2', turns: 1, current: true, preview: 'question number 3' });
    expect(older).toMatchObject({ id: 'c1', turns: 2, current: false, preview: 'question number 1' });
  });

  it('continues an older conversation once it is opened', () => {
    history.append(turn(1));
    conversations.start();
    history.append(turn(2));
    conversations.open('c1');
    history.append(turn(3));
    expect(history.recent(10).map((t) => t.id)).toEqual(['turn-1', 'turn-3']);
    expect(conversations.turns('c2').map((t) => t.id)).toEqual(['turn-2']);
  });

  it('reuses an empty current conversation instead of piling up empty ones', () => {
    const first = conversations.start();
    const second = conversations.start();
    expect(second.id).toBe(first.id);
    expect(conversations.list()).toHaveLength(1);
  });

  it('keeps a reply saved again in the conversation it started in', () => {
    history.append(turn(1, { reply: 'Par', complete: false }));
    conversations.start();
    history.append({ ...turn(1, { reply: 'Paris.' }), conversationId: 'c1' });
    expect(conversations.turns('c1').map((t) => t.reply)).toEqual(['Paris.']);
    expect(conversations.turns('c2')).toEqual([]);
  });

  it('renames, finds words in turns, and deletes a conversation with its turns', () => {
    history.append(turn(1, { transcript: 'What is 100% of five?' }));
    history.append(turn(2, { reply: 'It rains in Lisbon.' }));
    expect(conversations.rename('c1', '  Maths   and weather ').title).toBe('Maths and weather');
    expect(conversations.search('100%').map((h) => h.turn.id)).toEqual(['turn-1']);
    expect(conversations.search('lisbon')).toEqual([expect.objectContaining({ conversationId: 'c1', conversationTitle: 'Maths and weather' })]);
    expect(conversations.search('_')).toEqual([]);
    conversations.delete('c1');
    expect(conversations.list()).toEqual([]);
    expect(history.recent(10)).toEqual([]);
    expect(() => conversations.turns('c1')).toThrow(/no longer there/);
  });

  it('clears every conversation', () => {
    history.append(turn(1));
    conversations.start();
    history.append(turn(2));
    history.clear();
    expect(conversations.list()).toEqual([]);
    expect(conversations.currentId()).toBeNull();
  });
});

describe('the conversations migration', () => {
  it('gathers turns saved before conversations into one earlier conversation that stays current', () => {
    const db = new Database(':memory:');
    migrate(db, EARSHOT_MIGRATIONS.slice(0, 3));
    db.prepare("INSERT INTO turns (id, at, transcript, reply, language, complete) VALUES ('t1', 10, 'hi', 'hello', 'en', 1)").run();
    migrate(db, EARSHOT_MIGRATIONS);
    const conversations = new SqliteConversationStore(db, { clock: new FakeClock() });
    expect(conversations.list()).toEqual([expect.objectContaining({ id: 'earlier', turns: 1, current: true, createdAt: 10 })]);
    expect(new SqliteHistoryStore(db, conversations).recent(5).map((t) => t.id)).toEqual(['t1']);
    db.close();
  });

  it('leaves an empty database without conversations', () => {
    const db = new Database(':memory:');
    migrate(db, EARSHOT_MIGRATIONS);
    expect(new SqliteConversationStore(db, { clock: new FakeClock() }).list()).toEqual([]);
    db.close();
  });
});
