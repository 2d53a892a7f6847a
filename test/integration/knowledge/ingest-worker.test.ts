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

  it('passes pause and cancel on to the run on the worker', async () => {
    for (let i = 0; i < 200; i++) writeFileSync(join(docs.dir, `note-${i}.txt`), `Note ${i} about the garden hose.`);
    const control = new IngestControl();
    const seen: IngestProgress[] = [];
    let pausedAt = -1;
    const run = service.ingester.add([docs.dir], {
      control,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'indexing' && pausedAt < 0) {
          pausedAt = p.filesDone;
          control.pause();
          // Cancelled once this thread has had turns of its own while the run waits.
          setTimeout(() => control.cancel(), 50);
        }
      },
    });
    await expect(run).rejects.toBeInstanceOf(IngestCancelled);
    const indexing = seen.filter((p) => p.phase === 'indexing');
    // At most the file already in hand when the pause arrived is finished after it.
    expect(indexing.at(-1)!.filesDone).toBeLessThanOrEqual(pausedAt + 1);
    expect(service.index.files().length).toBeLessThan(200);
  });
});
