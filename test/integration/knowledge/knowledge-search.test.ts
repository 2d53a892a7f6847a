import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledge, type KnowledgeService } from '../../../src/main/core/knowledge/knowledge-service';
import type { Embedder } from '../../../src/main/core/store/embedder';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { fakeEmbedding } from '../../support/fake-ollama';
import { FakeClock, recordingLogger, tempDataDir } from '../../support/store-fixtures';

function countingEmbedder(): Embedder & { calls: number } {
  const e = {
    id: 'test:bag',
    calls: 0,
    embed: async (batch: readonly string[]) => {
      e.calls += 1;
      return batch.map((t) => Float32Array.from(fakeEmbedding(t, 64)));
    },
  };
  return e;
}

describe('Knowledge search caches', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  let service: KnowledgeService;
  let embedder: ReturnType<typeof countingEmbedder>;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock();
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    writeFileSync(join(docs.dir, 'espresso.md'), '# Espresso\n\nDescale the espresso machine every two months with citric acid.');
    writeFileSync(join(docs.dir, 'garden.txt'), 'Water the tomato plants early in the morning.');
    embedder = countingEmbedder();
    service = openKnowledge({
      dataDir: data.dir,
      settings: { ...DEFAULT_SETTINGS.knowledge, searchTtlSeconds: 600, contextTtlSeconds: 300, queryEmbeddingTtlSeconds: 3600 },
      clock,
      logger: recordingLogger(),
      ollamaHost: null,
      embedders: { ingest: embedder, query: embedder },
    });
    await service.ingest.add([docs.dir]);
    embedder.calls = 0;
  });
  afterEach(() => {
    service.close();
    data.remove();
    docs.remove();
  });

  it('answers the same question from the cache, whatever its case and end punctuation', async () => {
    const first = await service.search.search('How often to descale the espresso machine?');
    expect(first).toMatchObject({ cache: 'miss', mode: 'hybrid' });
    expect(first.results[0]!.path).toBe(join(docs.dir, 'espresso.md'));
    const again = await service.search.search('how often to DESCALE the espresso machine');
    expect(again.cache).toBe('hit');
    expect(again.results).toEqual(first.results);
    expect(embedder.calls).toBe(1);
    expect(service.search.stats().find((s) => s.kind === 'search')).toEqual({ kind: 'search', hits: 1, misses: 1 });
  });

  it('never answers from an index that changed since', async () => {
    await service.search.search('tomato plants');
    writeFileSync(join(docs.dir, 'garden.txt'), 'Cover the tomato plants with fleece when frost is forecast.');
    await service.ingest.add([docs.dir], { force: true });
    const after = await service.search.search('tomato plants');
    expect(after.cache).toBe('miss');
    expect(after.results[0]!.text).toMatch(/fleece/);
  });

  it('lets results expire after their TTL while the query vector is still reused', async () => {
    await service.search.search('tomato plants');
    clock.advance(601_000);
    expect((await service.search.search('tomato plants')).cache).toBe('miss');
    expect(embedder.calls).toBe(1);
    clock.advance(3_600_000);
    await service.search.search('tomato plants');
    expect(embedder.calls).toBe(2);
  });

  it('caches the prompt context separately, with its own shorter TTL', async () => {
    const first = await service.search.context('descale espresso');
    expect(first.cache).toBe('miss');
    expect(first.passages[0]!.path).toBe(join(docs.dir, 'espresso.md'));
    expect((await service.search.context('descale espresso')).cache).toBe('hit');
    clock.advance(301_000);
    expect((await service.search.context('descale espresso')).cache).toBe('miss');
  });

  it('finds nothing for a question the documents do not touch', async () => {
    const answer = await service.search.context('quantum chromodynamics lattice');
    expect(answer.passages).toEqual([]);
  });

  it('warms the caches with the most frequent questions', async () => {
    for (let i = 0; i < 3; i++) service.search.recordQuestion('Descale the espresso?');
    service.search.recordQuestion('tomato plants');
    expect(await service.search.warmUp(1)).toBe(1);
    expect((await service.search.context('descale the espresso')).cache).toBe('hit');
    expect((await service.search.context('tomato plants')).cache).toBe('miss');
  });
});
