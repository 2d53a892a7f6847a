// The file-system operations the downloader and installer use, as one object passed in, so tests
// can make any of them fail the way a full disk or a read-only folder would.
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, statfs, writeFile } from 'node:fs/promises';

export interface WriteSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

export interface ModelFs {
  /** Creates the folder and its parents; fine if it exists. */
  mkdir(path: string): Promise<void>;
  /** Removes a file or folder tree; fine if it is missing. */
  rm(path: string): Promise<void>;
  /** Removes a folder only if it is empty; fine if it is missing or not empty. */
  removeEmptyDir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** null when nothing is there. */
  stat(path: string): Promise<{ size: number; isDirectory: boolean } | null>;
  readdir(path: string): Promise<DirEntry[]>;
  readText(path: string): Promise<string>;
  writeText(path: string, text: string): Promise<void>;
  /** Creates the file only if it does not exist (for lock files); false when it exists. */
  createExclusive(path: string, text: string): Promise<boolean>;
  openWrite(path: string, mode: 'append' | 'truncate'): Promise<WriteSink>;
  /** Flushes a written file to the disk (fsync), so renaming it into place cannot leave an empty or partial file after a power cut. */
  syncFile(path: string): Promise<void>;
  /** Free bytes on the volume holding `path`, or null when it cannot be told. */
  freeBytes(path: string): Promise<number | null>;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export const nodeModelFs: ModelFs = {
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  async rm(path) {
    await rm(path, { recursive: true, force: true, maxRetries: 3 });
  },
  async removeEmptyDir(path) {
    try {
      await rmdir(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  },
  rename: (from, to) => rename(from, to),
  async stat(path) {
    try {
      const s = await stat(path);
      return { size: s.size, isDirectory: s.isDirectory() };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  async readdir(path) {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() }));
  },
  readText: (path) => readFile(path, 'utf8'),
  writeText: (path, text) => writeFile(path, text, 'utf8'),
  async createExclusive(path, text) {
    try {
      await writeFile(path, text, { encoding: 'utf8', flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  },
  async openWrite(path, mode) {
    const handle = await open(path, mode === 'append' ? 'a' : 'w');
    return {
      async write(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
      },
      close: () => handle.close(),
    };
  },
  async syncFile(path) {
    // r+: Windows flushes only through a handle opened for writing.
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async freeBytes(path) {
    try {
      const s = await statfs(path);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  },
};
