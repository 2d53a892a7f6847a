// Indexing as the app runs it, on the ingest worker thread: progress reaches this thread, the
// files land in the index this thread reads, and pause and cancel reach the run on the worker.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestCancelled, IngestControl } from '../../../src/main/core/knowledge/ingest-control';
import type { IngestProgress } from '../../../src/main/core/knowledge/knowledge-ingest';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

describe('Indexing on the ingest worker', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  let service: KnowledgeService;

  beforeEach(() => {
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    service = openKnowledge({ dataDir: data.dir, settings: DEFAULT_SETTINGS.knowledge, clock: new FakeClock(), logger: recordingLogger(), ollamaHost: null, ingestWorker: true });
  });
  afterEach(() => {
    service.close();
    data.remove();
    docs.remove();
  });

  it('indexes a folder with progress, and this thread finds what it wrote', async () => {
    writeFileSync(join(docs.dir, 'boiler.md'), '# Boiler\n\nThe boiler pressure should read 1.5 bar when cold.');
    writeFileSync(join(docs.dir, 'broken.pdf'), 'not a pdf at all');
    const phases: string[] = [];
    const result = await service.ingester.add([docs.dir], { onProgress: (p) => phases.push(p.phase) });
    expect(result).toMatchObject({ files: 1, keywordOnly: true });
    expect(result.skipped.map((s) => s.path)).toEqual([join(docs.dir, 'broken.pdf')]);
    expect(phases[0]).toBe('scanning');
    expect(phases).toContain('indexing');
    expect(phases.at(-1)).toBe('done');
    const found = await service.search.search('boiler pressure');
    expect(found.results[0]!.path).toBe(join(docs.dir, 'boiler.md'));
  });

  // A pause sent with the run reaches the worker before its first file: whatever the machine's
  // load, a run that honours it indexes nothing until it is resumed. (A pause sent mid-run lands
  // after however many files the worker finished while the message travelled.)
  it('passes pause, resume and cancel on to the run on the worker', async () => {
    for (let i = 0; i < 200; i++) writeFileSync(join(docs.dir, `note-${i}.txt`), `Note ${i} about the garden hose.`);
    const started = (seen: IngestProgress[]) => new Promise<void>((resolve) => {
      const wait = () => (seen.length > 0 ? resolve() : setTimeout(wait, 10));
      wait();
    });

    const paused = new IngestControl();
    paused.pause();
    const seen: IngestProgress[] = [];
    const run = service.ingester.add([docs.dir], { control: paused, onProgress: (p) => seen.push(p) });
    await started(seen);
    await new Promise((resolve) => setTimeout(resolve, 300)); // time a run ignoring the pause would use
    expect(seen.filter((p) => p.phase === 'indexing' && p.filesDone > 0)).toEqual([]);
    expect(service.index.files()).toEqual([]);
    paused.resume();
    expect((await run).files).toBe(200);

    const cancelled = new IngestControl();
    cancelled.pause();
    const again: IngestProgress[] = [];
    const second = service.ingester.add([docs.dir], { control: cancelled, force: true, onProgress: (p) => again.push(p) });
    await started(again);
    cancelled.cancel();
    await expect(second).rejects.toBeInstanceOf(IngestCancelled);
  });
});
