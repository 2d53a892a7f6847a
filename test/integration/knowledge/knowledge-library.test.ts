// The document list as the Knowledge panel drives it: add answers at once and indexes in the
// background with progress, bad paths are refused with a sentence, remove drops the files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeLibrary } from '../../../src/main/core/knowledge/knowledge-library';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import type { KnowledgeProgress } from '../../../src/shared/knowledge';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

function memorySettings() {
  let current: Settings = DEFAULT_SETTINGS;
  return {
    get: () => current,
    update: (patch: unknown) => {
      const p = patch as { knowledge?: Partial<Settings['knowledge']> };
      current = { ...current, knowledge: { ...current.knowledge, ...p.knowledge } };
      return current;
    },
  };
}

function finished(library: KnowledgeLibrary): Promise<KnowledgeProgress[]> {
  const seen: KnowledgeProgress[] = [];
  return new Promise((resolve) => {
    library.onProgress((p) => {
      seen.push(p);
      if (p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed') resolve(seen);
    });
  });
}

describe('KnowledgeLibrary', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  let service: KnowledgeService;
  let settings: ReturnType<typeof memorySettings>;
  let library: KnowledgeLibrary;

  beforeEach(() => {
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    writeFileSync(join(docs.dir, 'espresso.md'), '# Espresso\n\nDescale the espresso machine every two months.');
    writeFileSync(join(docs.dir, 'garden.txt'), 'Water the tomatoes early in the morning.');
    writeFileSync(join(docs.dir, 'broken.pdf'), 'this is not a pdf');
    service = openKnowledge({ dataDir: data.dir, settings: DEFAULT_SETTINGS.knowledge, clock: new FakeClock(), logger: recordingLogger(), ollamaHost: null, embedders: { ingest: null, query: null } });
    settings = memorySettings();
    library = new KnowledgeLibrary({ index: service.index, ingest: service.ingest, settings, logger: recordingLogger() });
  });
  afterEach(async () => {
    await library.close();
    service.close();
    data.remove();
    docs.remove();
  });

  it('adds a folder, reports progress to the end with the skipped file and why, and lists its counts', async () => {
    const progress = finished(library);
    const listed = library.add([docs.dir]);
    expect(listed).toEqual([{ path: docs.dir, files: 0, chunks: 0, state: 'indexing' }]);
    expect(settings.get().knowledge.sources).toEqual([docs.dir]);
    const seen = await progress;
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', filesDone: 2, keywordOnly: true });
    expect(last.skipped.map((s) => s.path)).toEqual([join(docs.dir, 'broken.pdf')]);
    expect(last.skipped[0]!.reason.length).toBeGreaterThan(10);
    expect(seen.some((p) => p.phase === 'indexing')).toBe(true);
    expect(library.list()).toEqual([{ path: docs.dir, files: 2, chunks: expect.any(Number) as number, state: 'indexed' }]);
    expect(library.holds(join(docs.dir, 'espresso.md'))).toBe(true);
  });

  it('refuses a relative path or one that does not exist, and keeps the list as it was', () => {
    expect(() => library.add(['notes/espresso.md'])).toThrow(/not a full path/);
    expect(() => library.add([join(docs.dir, 'nope')])).toThrow(/Nothing was found/);
    expect(settings.get().knowledge.sources).toEqual([]);
  });

  it('removes a source and its files from the index', async () => {
    const progress = finished(library);
    library.add([docs.dir]);
    await progress;
    expect(library.remove(docs.dir)).toEqual([]);
    expect(service.index.files()).toEqual([]);
    expect(library.holds(join(docs.dir, 'espresso.md'))).toBe(false);
    expect(() => library.remove(docs.dir)).toThrow(/not in your document list/);
  });

  it('has the watcher follow an added source and let go of a removed one', async () => {
    const followed: string[] = [];
    const watching = new KnowledgeLibrary({
      index: service.index,
      ingest: service.ingest,
      settings,
      logger: recordingLogger(),
      watcher: { follow: (paths) => followed.push(...paths), unfollow: (path) => followed.splice(followed.indexOf(path), 1) },
    });
    const progress = finished(watching);
    watching.add([docs.dir]);
    expect(followed).toEqual([docs.dir]);
    await progress;
    watching.remove(docs.dir);
    expect(followed).toEqual([]);
  });

  it('a cancelled run says so, and control answers false when nothing runs', async () => {
    const progress = finished(library);
    library.add([docs.dir]);
    library.control('pause');
    expect(library.control('cancel')).toBe(true);
    const seen = await progress;
    expect(seen.at(-1)!.phase).toBe('cancelled');
    expect(library.control('pause')).toBe(false);
  });
});
