// The documents a reply quoted outlive the app run: saved with the turn id when the turn ends,
// read back by the chips after a restart, and the desktop app still agrees to open those files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeDatabase } from '../../../src/main/core/knowledge/knowledge-schema';
import { QuotedPaths } from '../../../src/main/core/knowledge/quoted-paths';
import { QuotedSources } from '../../../src/main/core/knowledge/quoted-sources';
import type { TurnEvent, TurnResult } from '../../../src/shared/turn';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

const done = (turnId: string, sources: TurnResult['sources']): TurnEvent =>
  ({ type: 'done', turnId, result: { transcript: 'q', reply: 'a', language: 'en', complete: true, cache: { response: 'miss' }, marks: {}, error: null, sources } }) as unknown as TurnEvent;

describe('QuotedSources', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.remove());

  const open = () => {
    const { db } = openKnowledgeDatabase(data.dir, { clock: new FakeClock(), logger: recordingLogger() });
    return { db, quoted: new QuotedSources(db, new FakeClock(), recordingLogger()) };
  };

  it("gives a reply's sources back, best first, after the app restarts", () => {
    const first = open();
    first.quoted.record(done('t1', [
      { path: '/docs/espresso.md', heading: 'Descaling', page: null },
      { path: '/docs/manual.pdf', heading: null, page: 4 },
    ]));
    first.quoted.record(done('t2', undefined));
    first.db.close();

    const again = open();
    expect(again.quoted.forTurns(['t1', 't2', 'never'])).toEqual({
      t1: [
        { path: '/docs/espresso.md', heading: 'Descaling', page: null },
        { path: '/docs/manual.pdf', heading: null, page: 4 },
      ],
    });
    const paths = new QuotedPaths(500, (p) => again.quoted.quotedPath(p));
    expect(paths.has('/docs/manual.pdf')).toBe(true);
    expect(paths.has('/etc/passwd')).toBe(false);
    again.db.close();
  });
});
