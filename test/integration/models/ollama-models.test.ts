// Detecting and pulling Ollama models against the fake Ollama server.
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaModels } from '../../../src/main/core/models/ollama-models';
import type { ModelProgress } from '../../../src/main/core/models/progress';
import { startFakeOllama, type FakeOllama } from '../../support/fake-ollama';

let fake: FakeOllama | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Ollama models', () => {
  it('lists what Ollama has and tells which recommended models are missing', async () => {
    fake = await startFakeOllama({ models: ['llama3.2:3b', 'nomic-embed-text'] });
    const ollama = createOllamaModels({ host: fake.url });
    expect((await ollama.list()).map((m) => m.name)).toEqual(['llama3.2:3b', 'nomic-embed-text:latest']);
    expect(await ollama.has('nomic-embed-text')).toBe(true);
    expect(await ollama.missing(['llama3.2:3b', 'paraphrase-multilingual'])).toEqual(['paraphrase-multilingual']);
  });

  it('pulls a model with byte progress summed over its layers, ending in done', async () => {
    fake = await startFakeOllama({ models: [], pullStepDelayMs: 5 });
    const ollama = createOllamaModels({ host: fake.url });
    const events: ModelProgress[] = [];
    await ollama.pull('llama3.2:3b', { onProgress: (e) => events.push(e) });

    expect(events.every((e) => e.source === 'ollama' && e.model === 'llama3.2:3b')).toBe(true);
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['connecting', 'downloading', 'verifying', 'installing', 'done']);
    const downloading = events.filter((e) => e.phase === 'downloading');
    expect(downloading[0]!.totalBytes).toBeGreaterThan(0);
    const last = events.at(-1)!;
    expect(last.totalBytes).toBe(2_019_377_376 + 1_429);
    expect(last.receivedBytes).toBe(last.totalBytes);
    expect(last.fraction).toBe(1);
    expect(await ollama.has('llama3.2:3b')).toBe(true);
    const pull = fake.requests.find((r) => r.path === '/api/pull')!;
    expect(pull.body).toMatchObject({ name: 'llama3.2:3b', stream: true });
  });

  it('stops a pull when cancelled', async () => {
    fake = await startFakeOllama({ models: [], pullStepDelayMs: 50 });
    const ollama = createOllamaModels({ host: fake.url });
    const controller = new AbortController();
    const pulling = ollama.pull('llama3.2:3b', {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'downloading') controller.abort();
      },
    });
    await expect(pulling).rejects.toMatchObject({ name: 'AbortError' });
    expect(await ollama.has('llama3.2:3b')).toBe(false);
  });

  it('tells the person to start Ollama when nothing listens', async () => {
    const closed = await startFakeOllama();
    const url = closed.url;
    await closed.close();
    const ollama = createOllamaModels({ host: url });
    await expect(ollama.list()).rejects.toMatchObject({ code: 'llm_unreachable', message: `Ollama is not running at ${url} — start it with \`ollama serve\`` });
    await expect(ollama.pull('llama3.2:3b')).rejects.toMatchObject({ code: 'llm_unreachable' });
  });
});
