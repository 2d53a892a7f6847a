// The files a list of added paths stands for: a file as it is, a folder walked for the document
// types Earshot reads (hidden folders and node_modules left out). Size and time come from stat, so
// an unchanged file can be recognised without reading it.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { documentTypeOf, type DocumentType, type SkipReason } from './document-types';

export interface ScannedFile {
  path: string;
  /** The folder the user added (or the file's own folder): the source-folder filter. */
  folder: string;
  type: DocumentType;
  size: number;
  mtimeMs: number;
}

export interface ScanResult {
  files: ScannedFile[];
  skipped: { path: string; reason: SkipReason }[];
}

const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.svn', '.hg', '__pycache__']);

async function walk(folder: string, root: string, out: ScanResult, signal?: AbortSignal): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    out.skipped.push({ path: folder, reason: { code: 'unreadable', message: `The folder could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` } });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (signal?.aborted) return;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !IGNORED_FOLDERS.has(entry.name)) await walk(path, root, out, signal);
    } else if (entry.isFile() && !entry.name.startsWith('.')) {
      const type = documentTypeOf(entry.name);
      if (!type) continue;
      try {
        const s = await stat(path);
        out.files.push({ path, folder: root, type, size: s.size, mtimeMs: Math.floor(s.mtimeMs) });
      } catch (error) {
        out.skipped.push({ path, reason: { code: 'unreadable', message: `The file could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` } });
      }
    }
  }
}

export async function scanPaths(paths: readonly string[], signal?: AbortSignal): Promise<ScanResult> {
  const out: ScanResult = { files: [], skipped: [] };
  for (const given of paths) {
    const path = resolve(given);
    let s;
    try {
      s = await stat(path);
    } catch {
      out.skipped.push({ path, reason: { code: 'unreadable', message: 'There is no file or folder at this path.' } });
      continue;
    }
    if (s.isDirectory()) {
      await walk(path, path, out, signal);
      continue;
    }
    const type = documentTypeOf(basename(path));
    if (!type) {
      out.skipped.push({ path, reason: { code: 'unsupported_format', message: 'Earshot reads .txt, .md, .html, .pdf and .docx files; this one is another kind.' } });
      continue;
    }
    out.files.push({ path, folder: dirname(path), type, size: s.size, mtimeMs: Math.floor(s.mtimeMs) });
  }
  // One path added twice (a file and its folder) is indexed once.
  const seen = new Set<string>();
  out.files = out.files.filter((f) => !seen.has(f.path) && seen.add(f.path));
  return out;
}
