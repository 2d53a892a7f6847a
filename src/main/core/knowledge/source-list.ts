// Pure decisions about the user's source list: which indexed files belong to a source, and the
// list with counts and state as the Knowledge panel shows it.
import { sep } from 'node:path';
import type { KnowledgeSource } from '../../../shared/knowledge';

/** True when file is the source itself or lies anywhere under the source folder. */
export function isUnder(file: string, source: string): boolean {
  if (file === source) return true;
  const folder = source.endsWith(sep) ? source : source + sep;
  return file.startsWith(folder);
}

export function describeSources(
  sources: readonly string[],
  files: readonly { path: string; chunkCount: number }[],
  state: { exists: (path: string) => boolean; indexing: ReadonlySet<string> },
): KnowledgeSource[] {
  return sources.map((path) => {
    const mine = files.filter((f) => isUnder(f.path, path));
    const chunks = mine.reduce((sum, f) => sum + f.chunkCount, 0);
    const kind = state.indexing.has(path) ? 'indexing' : !state.exists(path) ? 'missing' : mine.length === 0 ? 'empty' : 'indexed';
    return { path, files: mine.length, chunks, state: kind };
  });
}

/** The list after adding: new paths at the end, none twice, and no source covered by another. */
export function withAdded(sources: readonly string[], added: readonly string[]): string[] {
  const next = [...sources];
  for (const path of added) if (!next.some((s) => isUnder(path, s))) next.push(path);
  return next.filter((s) => !next.some((other) => other !== s && isUnder(s, other)));
}
