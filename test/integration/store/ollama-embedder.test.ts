import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OllamaEmbedder } from '../../../src/main/core/store/ollama-embedder';
import { cosineSimilarity } from '../../../src/main/core/store/embedding-vectors';
import { type FakeOllama, startFakeOllama } from '../../support/fake-ollama';
import { FakeClock, recordingLogger } from '../../support/store-fixtures';

describe('OllamaEmbedder against a fake Ollama', () => {
  let ollama: FakeOllama;
  const clock = new FakeClock();
  beforeEach(async () => (ollama = await startFakeOllama()));
  afterEach(async () => ollama.close());

  it('embeds a batch in one /api/embed request with the model named', async () => {
    const embedder = new OllamaEmbedder({ host: ollama.url, clock, logger: recordingLogger() });
    const vectors = await embedder.embed(['turn on the lights', 'turn the lights on', 'what is the capital of france']);
    expect(vectors).toHaveLength(3);
    expect(vectors![0]).toBeInstanceOf(Float32Array);
    expect(cosineSimilarity(vectors![0]!, vectors![1]!)).toBeGreaterThan(0.99);
    expect(cosineSimilarity(vectors![0]!, vectors![2]!)).toBeLessThan(0.5);
    const calls = ollama.requests.filter((r) => r.path === '/api/embed');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ model: 'nomic-embed-text', input: ['turn on the lights', 'turn the lights on', 'what is the capital of france'] });
    expect(embedder.id).toBe('ollama:nomic-embed-text');
  });

  it('answers null when the model is not pulled, says how to get it, and stops asking for a while', async () => {
    ollama.setScript({ models: ['llama3.2:3b'] });
    const logger = recordingLogger();
    const embedder = new OllamaEmbedder({ host: ollama.url, clock, logger });
    expect(await embedder.embed(['hello'])).toBeNull();
    expect(logger.lines.some((l) => /ollama pull nomic-embed-text/.test(l.message))).toBe(true);
    expect(await embedder.embed(['hello again'])).toBeNull();
    expect(ollama.requests.filter((r) => r.path === '/api/embed')).toHaveLength(1);
    ollama.setScript({ models: ['llama3.2:3b', 'nomic-embed-text'] });
    clock.advance(11 * 60_000);
    expect(await embedder.embed(['hello'])).not.toBeNull();
  });

  it('answers null when Ollama is not running', async () => {
    const embedder = new OllamaEmbedder({ host: 'http://127.0.0.1:9', clock, logger: recordingLogger(), timeoutMs: 500 });
    expect(await embedder.embed(['hello'])).toBeNull();
  });
});
