// The catalog in use: the built-in entries, overridden or extended by a custom catalog file, and
// lookups over it. Reading the custom file is the only I/O here and takes its reader as a parameter.
import { readFile } from 'node:fs/promises';
import { EarshotError } from '../../../shared/errors';
import { BUILTIN_CATALOG } from './builtin-catalog';
import { catalogEntrySchema, customCatalogSchema, type CatalogEntry, type CatalogEntryInput, type DefaultRole, type ModelKind } from './catalog-schema';

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
}

/** Builds a catalog; later entries with the same id replace earlier ones, keeping the first position. */
export function buildCatalog(entries: readonly CatalogEntryInput[] = BUILTIN_CATALOG, overrides: readonly CatalogEntry[] = []): Catalog {
  const byId = new Map<string, CatalogEntry>();
  for (const input of entries) {
    const entry = catalogEntrySchema.parse(input);
    byId.set(entry.id, entry);
  }
  for (const entry of overrides) byId.set(entry.id, entry);
  return { entries: [...byId.values()] };
}

/** Parses the text of a custom catalog file; a bad file is an error naming the first problem. */
export function parseCustomCatalog(text: string, source: string): CatalogEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the fault, and --catalog may point at
    // any file (an error must not print someone's /etc/passwd or key file).
    throw new EarshotError('invalid_input', `The catalog file ${source} is not valid JSON. Fix it or leave out --catalog.`);
  }
  const result = customCatalogSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'top level';
    throw new EarshotError(
      'invalid_input',
      `The catalog file ${source} is not a valid Earshot catalog: at ${where}, ${issue?.message ?? 'invalid'}. ` +
        'It needs { "version": 1, "models": [ … ] }.',
    );
  }
  return result.data.models;
}

export type ReadText = (path: string) => Promise<string>;

/** Reads and validates a custom catalog file. */
export async function loadCustomCatalog(path: string, read: ReadText = (p) => readFile(p, 'utf8')): Promise<CatalogEntry[]> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'cannot be read';
    throw new EarshotError('invalid_input', `The catalog file ${path} ${reason}. Check the path given to --catalog.`, { cause: error });
  }
  return parseCustomCatalog(text, path);
}

export function findEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  return catalog.entries.find((e) => e.id === id);
}

/** The entry for an id, or an error that suggests the closest ids. */
export function requireEntry(catalog: Catalog, id: string): CatalogEntry {
  const entry = findEntry(catalog, id);
  if (entry) return entry;
  const near = catalog.entries
    .map((e) => ({ id: e.id, distance: editDistance(e.id.toLowerCase(), id.toLowerCase()) }))
    .filter((c) => c.distance <= 3)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((c) => c.id);
  const hint = near.length > 0 ? ` Did you mean ${near.join(', ')}?` : '';
  throw new EarshotError('invalid_input', `There is no model "${id}" in the catalog.${hint} Run \`models list\` to see them all.`);
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function entriesOfKind(catalog: Catalog, kind: ModelKind): CatalogEntry[] {
  return catalog.entries.filter((e) => e.kind === kind);
}

/** The entry installed by default for a role (first run), if any. */
export function defaultEntryFor(catalog: Catalog, role: DefaultRole): CatalogEntry | undefined {
  return catalog.entries.find((e) => e.defaultFor.includes(role));
}

/** Everything first run should make sure is installed. */
export function firstRunEntries(catalog: Catalog): CatalogEntry[] {
  return catalog.entries.filter((e) => e.defaultFor.length > 0);
}
