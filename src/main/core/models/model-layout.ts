// Where things live under modelsDir. Installed models: <modelsDir>/<id>/ (the layout the engines
// read). Work in progress: <modelsDir>/.incoming/<id>/ — downloads/, staged/<id>/ being assembled,
// previous/ during a swap, and a lock file. Catalog ids never start with ".", so nothing collides.
import { join } from 'node:path';
import { EarshotError } from '../../../shared/errors';
import { MODEL_ID_PATTERN } from './catalog-schema';
import type { ModelFs } from './model-fs';

export const INCOMING_DIR = '.incoming';

function checkedId(id: string): string {
  if (!MODEL_ID_PATTERN.test(id)) throw new EarshotError('invalid_input', `"${id}" is not a model id. Run \`models list\` to see them.`);
  return id;
}

export function modelDirOf(modelsDir: string, id: string): string {
  return join(modelsDir, checkedId(id));
}

export interface IncomingPaths {
  root: string;
  downloads: string;
  /** The model being assembled: <root>/staged/<id>. */
  model: string;
  previous: string;
  lock: string;
}

export function incomingPathsOf(modelsDir: string, id: string): IncomingPaths {
  const root = join(modelsDir, INCOMING_DIR, checkedId(id));
  // The staged folder carries the id as its name, so loaders that take (folder's parent, id) work on it.
  return { root, downloads: join(root, 'downloads'), model: join(root, 'staged', id), previous: join(root, 'previous'), lock: join(root, 'lock') };
}

/** File name a catalog file is downloaded as: its path with "/" flattened, unique within an entry. */
export function downloadNameOf(catalogPath: string): string {
  return catalogPath.replaceAll('/', '__');
}

/** Removes <modelsDir>/.incoming when nothing is left in it. Never throws. */
export async function removeIncomingIfEmpty(fs: ModelFs, modelsDir: string): Promise<void> {
  await fs.removeEmptyDir(join(modelsDir, INCOMING_DIR)).catch(() => {});
}

/**
 * After the install lock is released: removes .incoming/<id> (and .incoming) when nothing is left
 * in it. Only an empty folder is removed, so a fetch that has just taken the lock is left alone.
 * Never throws.
 */
export async function removeWorkFolderIfEmpty(fs: ModelFs, modelsDir: string, paths: IncomingPaths): Promise<void> {
  await fs.removeEmptyDir(paths.root).catch(() => {});
  await removeIncomingIfEmpty(fs, modelsDir);
}
