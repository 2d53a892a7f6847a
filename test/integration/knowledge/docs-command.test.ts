import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDocsCommand } from '../../../src/main/cli/docs-command';
import { makePdf } from '../../support/document-fixtures';
import { type FakeOllama, startFakeOllama } from '../../support/fake-ollama';
import { tempDataDir } from '../../support/store-fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} as NodeJS.ProcessEnv },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('CLI: docs', () => {
  let data: ReturnType<typeof tempDataDir>;
  let docs: ReturnType<typeof tempDataDir>;
  let ollama: FakeOllama;
  const run = async (...args: string[]) => {
    const c = capture();
    const code = await runDocsCommand([...args, '--data-dir', data.dir, '--llm-host', ollama.url], c.io);
    return { code, out: c.stdout(), err: c.stderr() };
  };

  beforeEach(async () => {
    data = tempDataDir();
    docs = tempDataDir('earshot-docs-');
    ollama = await startFakeOllama();
    writeFileSync(join(docs.dir, 'espresso.md'), '# Espresso\n\nDescale the espresso machine every two months with citric acid.');
    writeFileSync(join(docs.dir, 'car.pdf'), makePdf([['Tyre pressure is 2.3 bar at the front.']]));
    writeFileSync(join(docs.dir, 'scan.pdf'), makePdf([[]]));
  });
  afterEach(async () => {
    await ollama.close();
    data.remove();
    docs.remove();
  });

  it('add --json reports files, chunks and the skipped files with reasons; progress goes to stderr', async () => {
    const added = await run('add', docs.dir, '--json');
    expect(added.code).toBe(0);
    const json = JSON.parse(added.out);
    expect(json).toMatchObject({ files: 2, chunks: 2, skipped: [{ path: join(docs.dir, 'scan.pdf'), reason: expect.stringMatching(/no text layer/) }] });
    expect(added.err).toMatch(/Indexing: 3\/3 files/);
    expect(ollama.requests.filter((r) => r.path === '/api/embed')).toHaveLength(1);
    // The app watches what was added.
    expect(JSON.parse(readFileSync(join(data.dir, 'settings.json'), 'utf8')).knowledge.sources).toEqual([docs.dir]);
  });

  it('search --json prints results with path, text and score, then answers the repeat from the cache', async () => {
    await run('add', docs.dir);
    const first = await run('search', 'what tyre pressure at the front', '--json');
    expect(first.code).toBe(0);
    const json = JSON.parse(first.out);
    expect(json.cache).toBe('miss');
    expect(json.results[0]).toMatchObject({ path: join(docs.dir, 'car.pdf'), text: expect.stringMatching(/2\.3 bar/), score: expect.any(Number) });
    const typed = JSON.parse((await run('search', 'descale', '--type', 'pdf', '--json')).out);
    expect(typed.results.every((r: { path: string }) => r.path.endsWith('.pdf'))).toBe(true);
  });

  it('searches by keywords with a notice when the embedding model is missing', async () => {
    ollama.setScript({ models: ['llama3.2:3b'] });
    await run('add', docs.dir);
    const found = await run('search', 'descale espresso', '--json');
    expect(JSON.parse(found.out)).toMatchObject({ mode: 'keyword', results: [{ path: join(docs.dir, 'espresso.md') }] });
    expect(found.err).toMatch(/keywords only.*ollama pull nomic-embed-text/);
  });

  it('lists and removes files', async () => {
    await run('add', docs.dir);
    expect(JSON.parse((await run('list', '--json')).out).files.map((f: { path: string }) => f.path)).toEqual([join(docs.dir, 'car.pdf'), join(docs.dir, 'espresso.md')]);
    expect(JSON.parse((await run('remove', join(docs.dir, 'car.pdf'), '--json')).out)).toEqual({ removed: 1 });
    expect((await run('list')).out).not.toMatch(/car\.pdf/);
  });

  it('rejects a wrong type or action with the usage and exit 2', async () => {
    expect((await run('search', 'x', '--type', 'xls')).code).toBe(2);
    const bad = await run('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Unknown action "frobnicate"/);
  });
});
