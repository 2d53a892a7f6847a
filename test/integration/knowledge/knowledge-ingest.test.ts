import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestCancelled, IngestControl } from '../../../src/main/core/knowledge/ingest-control';
import { type IngestProgress } from '../../../src/main/core/knowledge/knowledge-ingest';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import type { Embedder } from '../../../src/main/core/store/embedder';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { makeDocx, makePdf } from '../../support/document-fixtures';
import { fakeEmbedding } from '../../support/fake-ollama';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

/** Embeds with the fake Ollama's hashed bag of words, counting what it was asked. */
function countingEmbedder(): Embedder & { texts: string[] } {
  const texts: string[] = [];
  return {
    id: 'test:bag',
    texts,
    embed: async (batch) => {
      texts.push(...batch);
      return batch.map((t) => Float32Array.from(fakeEmbedding(t, 64)));
    },
  };
}

async function writeMixedFolder(dir: string): Promise<void> {
  mkdirSync(join(dir, 'manuals'), { recursive: true });
  writeFileSync(join(dir, 'espresso.md'), '# Espresso machine\n\nDescale the espresso machine every two months with citric acid.\n\n## Milk\n\nPurge the steam wand after frothing milk.');
  writeFileSync(join(dir, 'garden.txt'), 'Water the tomato plants early in the morning, never at noon.');
  writeFileSync(join(dir, 'boiler.html'), '<html><body><h1>Boiler</h1><p>Bleed the radiators each autumn with the small square key.</p><script>var x</script></body></html>');
  writeFileSync(join(dir, 'manuals', 'warranty.docx'), await makeDocx([{ heading: 'Warranty' }, { text: 'The dishwasher warranty lasts three years from purchase.' }]));
  writeFileSync(join(dir, 'manuals', 'car.pdf'), makePdf([['Cover page of the car manual.'], ['Tyre pressure is 2.3 bar at the front and 2.1 bar at the back.']]));
  writeFileSync(join(dir, 'manuals', 'scan.pdf'), makePdf([[]]));
  writeFileSync(join(dir, 'broken.pdf'), 'this is not a pdf');
  writeFileSync(join(dir, 'broken.docx'), 'PK\u0003\u0004 nope');
  writeFileSync(join(dir, 'photo.jpg'), 'not a document');
}

describe('Knowledge ingest on a real folder', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  let service: KnowledgeService;
  let embedder: ReturnType<typeof countingEmbedder>;
  const clock = new FakeClock();

  beforeEach(async () => {
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    await writeMixedFolder(docs.dir);
    embedder = countingEmbedder();
    service = openKnowledge({ dataDir: data.dir, settings: { ...DEFAULT_SETTINGS.knowledge, chunkPreset: 'fast' }, clock, logger: recordingLogger(), ollamaHost: null, embedders: { ingest: embedder, query: embedder } });
  });
  afterEach(() => {
    service.close();
    data.remove();
    docs.remove();
  });

  it('indexes every readable format and skips each broken file with its reason', async () => {
    const progress: IngestProgress[] = [];
    const result = await service.ingest.add([docs.dir], { onProgress: (p) => progress.push(p) });
    expect(result.files).toBe(5);
    expect(result.chunks).toBeGreaterThanOrEqual(5);
    expect(Object.fromEntries(result.skipped.map((s) => [s.path.slice(docs.dir.length + 1), s.reason.code]))).toEqual({
      'broken.docx': 'damaged',
      'broken.pdf': 'damaged',
      'manuals/scan.pdf': 'no_text_layer',
    });
    expect(result.skipped.find((s) => s.path.endsWith('scan.pdf'))!.reason.message).toMatch(/no text layer.*OCR/);
    expect(service.index.files().map((f) => f.type).sort()).toEqual(['docx', 'html', 'md', 'pdf', 'txt']);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', filesDone: 8, filesTotal: 8 });
    expect(progress.some((p) => p.phase === 'indexing' && p.filesDone === 4)).toBe(true);
    expect(result.embedded).toBe(embedder.texts.length);
  });

  it('keeps the page of a PDF passage and the heading of a Markdown one', async () => {
    await service.ingest.add([docs.dir]);
    const tyres = await service.search.search('tyre pressure at the front');
    expect(tyres.results[0]).toMatchObject({ path: join(docs.dir, 'manuals', 'car.pdf'), page: 2 });
    const milk = await service.search.search('purge steam wand');
    expect(milk.results[0]).toMatchObject({ path: join(docs.dir, 'espresso.md'), heading: 'Milk' });
  });

  it('costs nothing to add an unchanged folder again, and re-reads only what changed', async () => {
    await service.ingest.add([docs.dir]);
    const embeddedBefore = embedder.texts.length;
    const versionBefore = service.index.version();
    const again = await service.ingest.add([docs.dir]);
    expect(again).toMatchObject({ files: 5, chunks: 0, unchanged: 5 });
    expect(embedder.texts.length).toBe(embeddedBefore);
    expect(service.index.version()).toBe(versionBefore);

    // Touched but identical: the hash says so, nothing is re-chunked.
    const garden = join(docs.dir, 'garden.txt');
    utimesSync(garden, new Date(), new Date(Date.now() + 5000));
    expect(await service.ingest.add([docs.dir])).toMatchObject({ chunks: 0, unchanged: 5 });

    writeFileSync(garden, 'Water the tomato plants in the evening during a heat wave.');
    utimesSync(garden, new Date(), new Date(Date.now() + 10_000));
    const changed = await service.ingest.add([docs.dir]);
    expect(changed).toMatchObject({ files: 5, unchanged: 4, chunks: 1 });
    expect(embedder.texts.slice(embeddedBefore)).toEqual(['Water the tomato plants in the evening during a heat wave.']);
    expect((await service.search.search('heat wave tomatoes')).results[0]!.path).toBe(garden);
  });

  it('embeds new chunk texts in batches of 100, each distinct text once', async () => {
    const paragraphs = Array.from({ length: 250 }, (_, i) => `Paragraph ${i} describes appliance number ${i} and how to clean it. `.repeat(3).trim());
    writeFileSync(join(docs.dir, 'appliances.md'), [...paragraphs, ...paragraphs.slice(0, 10)].join('\n\n'));
    const batches: number[] = [];
    const inner = embedder.embed;
    embedder.embed = async (batch) => {
      batches.push(batch.length);
      return inner(batch);
    };
    await service.ingest.add([join(docs.dir, 'appliances.md')]);
    expect(batches.every((n) => n <= 100)).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(new Set(embedder.texts).size);
    expect(batches.length).toBeGreaterThanOrEqual(2);
  });

  it('removes a file or a whole folder from the index', async () => {
    await service.ingest.add([docs.dir]);
    expect(service.index.remove(join(docs.dir, 'manuals'))).toBe(2);
    expect(service.index.files().map((f) => f.path.slice(docs.dir.length + 1)).sort()).toEqual(['boiler.html', 'espresso.md', 'garden.txt']);
    expect((await service.search.search('dishwasher warranty')).results).toEqual([]);
  });

  it('stops at the next file when cancelled, keeping what was indexed', async () => {
    const control = new IngestControl();
    const run = service.ingest.add([docs.dir], {
      control,
      onProgress: (p) => {
        if (p.phase === 'indexing' && p.filesDone === 3) control.cancel();
      },
    });
    await expect(run).rejects.toBeInstanceOf(IngestCancelled);
    // boiler.html, broken.docx (skipped), broken.pdf (skipped): one file made it in.
    expect(service.index.files().map((f) => f.path)).toEqual([join(docs.dir, 'boiler.html')]);
  });

  it('waits while paused and carries on when resumed', async () => {
    const control = new IngestControl();
    let pausedAt = -1;
    const run = service.ingest.add([docs.dir], {
      control,
      onProgress: (p) => {
        if (p.phase === 'indexing' && p.filesDone === 1 && pausedAt < 0) {
          control.pause();
          pausedAt = p.filesDone;
        }
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(service.index.files().length).toBeLessThanOrEqual(1);
    control.resume();
    expect((await run).files).toBe(5);
  });

  it('searches by keywords alone when the embedder has no model', async () => {
    const none: Embedder = { id: 'none', embed: async () => null };
    service.close();
    service = openKnowledge({ dataDir: data.dir, settings: DEFAULT_SETTINGS.knowledge, clock, logger: recordingLogger(), ollamaHost: null, embedders: { ingest: none, query: none } });
    const result = await service.ingest.add([docs.dir]);
    expect(result.keywordOnly).toBe(true);
    const answer = await service.search.search('how long is the dishwasher warranty');
    expect(answer.mode).toBe('keyword');
    expect(answer.results[0]!.path).toBe(join(docs.dir, 'manuals', 'warranty.docx'));
  });

  it('filters by file type, source folder and modified date', async () => {
    await service.ingest.add([join(docs.dir, 'espresso.md'), docs.dir]);
    const all = await service.search.search('the', { limit: 20 });
    expect(new Set(all.results.map((r) => r.path)).size).toBeGreaterThan(1);
    const md = await service.search.search('descale espresso water plants', { filters: { type: 'md' } });
    expect(md.results.every((r) => r.path.endsWith('.md'))).toBe(true);
    const manuals = await service.search.search('warranty tyre espresso', { filters: { folder: join(docs.dir, 'manuals') } });
    expect(manuals.results.length).toBeGreaterThan(0);
    expect(manuals.results.every((r) => r.path.includes('/manuals/'))).toBe(true);
    const future = await service.search.search('espresso', { filters: { modifiedAfterMs: Date.now() + 86_400_000 } });
    expect(future.results).toEqual([]);
  });
});
