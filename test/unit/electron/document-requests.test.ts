import { describe, expect, it, vi } from 'vitest';
import type { KnowledgeLibrary } from '../../../src/main/core/knowledge/knowledge-library';
import { QuotedPaths } from '../../../src/main/core/knowledge/quoted-paths';
import { documentRequests } from '../../../src/main/electron/document-requests';
import type { TurnEvent } from '../../../src/shared/turn';

const done = (paths: string[]): TurnEvent =>
  ({ type: 'done', turnId: 't1', result: { sources: paths.map((path) => ({ path, heading: null, page: null })) } }) as unknown as TurnEvent;

function setup(held = true) {
  const quoted = new QuotedPaths(2);
  const library = { holds: vi.fn(() => held), list: vi.fn(() => []), add: vi.fn((paths: string[]) => paths.map((path) => ({ path, files: 0, chunks: 0, state: 'indexing' }))) };
  const shell = { openPath: vi.fn(async () => '') };
  const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/ana/docs'] })) };
  const requests = documentRequests({ library: () => library as unknown as KnowledgeLibrary, quoted, dialog: dialog as never, shell, window: () => null, title: 'Earshot' });
  return { quoted, library, shell, dialog, requests };
}

describe('opening a quoted document from the desktop app', () => {
  it('opens a file a reply quoted', async () => {
    const { quoted, shell, requests } = setup();
    quoted.record(done(['/home/ana/docs/espresso.md']));
    await requests['knowledge.open']({ path: '/home/ana/docs/espresso.md' });
    expect(shell.openPath).toHaveBeenCalledWith('/home/ana/docs/espresso.md');
  });

  it('refuses a path no reply quoted, even an indexed one', async () => {
    const { quoted, shell, requests } = setup(true);
    quoted.record(done(['/home/ana/docs/espresso.md']));
    await expect(requests['knowledge.open']({ path: '/home/ana/docs/garden.txt' })).rejects.toThrow(/opens only documents a reply quoted/);
    expect(shell.openPath).not.toHaveBeenCalled();
  });

  it('refuses a quoted file since removed from the documents', async () => {
    const { quoted, shell, requests } = setup(false);
    quoted.record(done(['/home/ana/docs/espresso.md']));
    await expect(requests['knowledge.open']({ path: '/home/ana/docs/espresso.md' })).rejects.toThrow(/opens only documents/);
    expect(shell.openPath).not.toHaveBeenCalled();
  });

  it('forgets the oldest quoted paths past its limit', () => {
    const { quoted } = setup();
    quoted.record(done(['/a', '/b']));
    quoted.record(done(['/c']));
    expect([quoted.has('/a'), quoted.has('/b'), quoted.has('/c')]).toEqual([false, true, true]);
  });

  it('says why when the system cannot open the file', async () => {
    const { quoted, shell, requests } = setup();
    quoted.record(done(['/x.pdf']));
    shell.openPath.mockResolvedValueOnce('No application is associated');
    await expect(requests['knowledge.open']({ path: '/x.pdf' })).rejects.toThrow(/could not be opened: No application/);
  });
});

describe('choosing documents with the native picker', () => {
  it('adds what was chosen, and changes nothing when the picker is dismissed', async () => {
    const { library, dialog, requests } = setup();
    await requests['knowledge.choose']();
    expect(library.add).toHaveBeenCalledWith(['/home/ana/docs']);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await requests['knowledge.choose']();
    expect(library.add).toHaveBeenCalledTimes(1);
  });
});
