// The two document requests only the desktop app can answer: the native picker for files and
// folders (its choice is added like typed paths) and opening a quoted file in the system's app.
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { KnowledgeSource } from '../../shared/knowledge';
import { EarshotError } from '../../shared/errors';
import type { KnowledgeLibrary } from '../core/knowledge/knowledge-library';
import type { QuotedPaths } from '../core/knowledge/quoted-paths';

export interface DocumentRequestDeps {
  library: () => KnowledgeLibrary | null | undefined;
  quoted: QuotedPaths;
  dialog: Pick<Dialog, 'showOpenDialog'>;
  shell: Pick<Shell, 'openPath'>;
  window: () => BrowserWindow | null;
  title: string;
}

const NO_INDEX = 'Your document index could not be opened — see the notice about Earshot’s database.';

export function documentRequests(deps: DocumentRequestDeps) {
  return {
    'knowledge.choose': async (): Promise<KnowledgeSource[]> => {
      const library = deps.library();
      if (!library) throw new EarshotError('storage_failed', NO_INDEX, { params: { variant: 'noIndex' } });
      // Windows and Linux pickers choose files or folders, not both: folders are what most people add.
      const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openDirectory', 'multiSelections'];
      const owner = deps.window();
      const options = { title: deps.title, properties };
      const choice = owner ? await deps.dialog.showOpenDialog(owner, options) : await deps.dialog.showOpenDialog(options);
      if (choice.canceled || choice.filePaths.length === 0) return library.list();
      return library.add(choice.filePaths);
    },
    'knowledge.open': async ({ path }: { path: string }): Promise<null> => {
      const library = deps.library();
      if (!deps.quoted.has(path) || !library?.holds(path)) {
        throw new EarshotError('invalid_input', 'Earshot opens only documents a reply quoted; this file is not one of them (or was removed from your documents).', {
          params: { variant: 'notQuoted' },
        });
      }
      const problem = await deps.shell.openPath(path);
      if (problem) throw new EarshotError('permission_denied', `The document could not be opened: ${problem}. Check that an app for this kind of file is installed.`, { params: { variant: 'noOpener', detail: problem } });
      return null;
    },
  };
}
