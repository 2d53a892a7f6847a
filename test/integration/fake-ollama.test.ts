// The fake Ollama speaks the API the real `ollama` client expects, with real field names.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import fc from 'fast-check';
import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, splitIntoTokens, startFakeOllama, type FakeGeneration, type FakeOllama, type FakeOllamaScript } from '../support/fake-ollama';

const started: FakeOllama[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function fake(script: Partial<FakeOllamaScript> = {}): Promise<{ server: FakeOllama; client: Ollama }> {
  const server = await startFakeOllama(script);
  started.push(server);
  return { server, client: new Ollama({ host: server.url }) };
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('fake Ollama: models', () => {
  it('lists installed models with the fields /api/tags has', async () => {
    const { client } = await fake({ models: ['llama3.2:3b', 'nomic-embed-text'] });
    const { models } = await client.list();
    expect(models.map((m) => m.name)).toEqual(['llama3.2:3b', 'nomic-embed-text:latest']);
    expect(models[0]).toMatchObject({ model: 'llama3.2:3b', size: expect.any(Number), digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(models[0]!.details).toMatchObject({ format: 'gguf', family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' });
    expect(new Date(models[0]!.modified_at).getTime()).not.toBeNaN();
  });

  it('shows an installed model and 404s an unknown one', async () => {
    const { client } = await fake();
    const shown = await client.show({ model: 'llama3.2:3b' });
    expect(shown.details.family).toBe('llama');
    expect(shown.capabilities).toContain('completion');
    await expect(client.show({ model: 'nope' })).rejects.toMatchObject({ name: 'ResponseError', status_code: 404 });
  });

  it('pulls with streamed progress, then lists the new model', async () => {
    const { client } = await fake({ models: [] });
    const statuses: string[] = [];
    let sawProgress = false;
    for await (const part of await client.pull({ model: 'qwen3:0.6b', stream: true })) {
      statuses.push(part.status);
      if (part.total > 0 && part.completed === part.total && /^sha256:[0-9a-f]{64}$/.test(part.digest)) sawProgress = true;
    }
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.slice(-3)).toEqual(['verifying sha256 digest', 'writing manifest', 'success']);
    expect(statuses.some((s) => /^pulling [0-9a-f]{12}$/.test(s))).toBe(true);
    expect(sawProgress).toBe(true);
    expect((await client.list()).models.map((m) => m.name)).toEqual(['qwen3:0.6b']);
    expect(await client.pull({ model: 'gemma3', stream: false })).toEqual({ status: 'success' });
    expect((await client.list()).models.map((m) => m.name)).toContain('gemma3:latest');
  });

  it('answers /api/version and lists loaded models in /api/ps', async () => {
    const { client } = await fake({ version: '0.9.9' });
    expect(await client.version()).toEqual({ version: '0.9.9' });
    expect((await client.ps()).models).toEqual([]);
    await client.chat({ model: 'llama3.2:3b', messages: [], keep_alive: '10m' });
    const [loaded] = (await client.ps()).models;
    expect(loaded).toMatchObject({ name: 'llama3.2:3b', size_vram: expect.any(Number) });
    expect(new Date(loaded!.expires_at).getTime()).toBeGreaterThan(Date.now());
    await client.generate({ model: 'llama3.2:3b', prompt: '', keep_alive: 0 });
    expect((await client.ps()).models).toEqual([]);
  });
});

describe('fake Ollama: generation', () => {
  it('streams a chat reply token by token, and the parts join back to the reply', async () => {
    const { client } = await fake({ reply: 'Sure, here it is.' });
    const parts = [];
    for await (const part of await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }], stream: true })) parts.push(part);
    expect(parts.slice(0, -1).map((p) => p.message.content)).toEqual(['Sure,', ' here', ' it', ' is.']);
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop', eval_count: 4, prompt_eval_count: expect.any(Number), message: { role: 'assistant', content: '' } });
  });

  it('answers in one object when stream is false, for chat and generate', async () => {
    const { client } = await fake({ reply: 'One two three.' });
    const chat = await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'count' }] });
    expect(chat).toMatchObject({ done: true, message: { role: 'assistant', content: 'One two three.' }, eval_count: 3 });
    const generated = await client.generate({ model: 'llama3.2:3b', prompt: 'count' });
    expect(generated).toMatchObject({ done: true, response: 'One two three.', context: expect.any(Array) });
  });

  it('streams /api/generate with `response` and a final `context`', async () => {
    const { client } = await fake({ reply: 'A B' });
    const parts = [];
    for await (const part of await client.generate({ model: 'llama3.2:3b', prompt: 'x', stream: true })) parts.push(part);
    expect(parts.map((p) => p.response)).toEqual(['A', ' B', '']);
    expect(parts.at(-1)!.context).toHaveLength(2);
  });

  it('lets the reply and the fault depend on the request', async () => {
    const seen: FakeGeneration[] = [];
    const { client } = await fake({
      reply: (r) => {
        seen.push(r);
        return `You said: ${r.messages.at(-1)?.content}`;
      },
      fault: (r) => (r.index === 1 ? 'http500' : null),
    });
    const first = await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'ping' }], options: { temperature: 0.1 } });
    expect(first.message.content).toBe('You said: ping');
    expect(seen[0]).toMatchObject({ path: '/api/chat', model: 'llama3.2:3b', options: { temperature: 0.1 }, index: 0 });
    await expect(client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'again' }] })).rejects.toMatchObject({ status_code: 500 });
  });

  it('404s an unknown model with Ollama\'s own words', async () => {
    const { client } = await fake();
    await expect(client.chat({ model: 'mystery', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status_code: 404,
      message: 'model "mystery" not found, try pulling it first',
    });
  });

  it('stops writing when the client goes away', async () => {
    const { server } = await fake({ reply: 'a b c d e f g h i j', perTokenDelayMs: 30 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'go' }] }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => server.requests[0]!.abortedAt).not.toBeNull();
    const sent = server.requests[0]!.tokensSentAt.length;
    await delay(150);
    expect(server.requests[0]!.tokensSentAt.length).toBe(sent);
    expect(sent).toBeLessThan(10);
    expect(server.requests[0]!.finishedAt).toBeNull();
  });

  it('answers unknown paths, wrong methods and bad JSON like a Go server', async () => {
    const { server } = await fake();
    const missing = await fetch(`${server.url}/api/nothing`);
    expect([missing.status, await missing.text()]).toEqual([404, '404 page not found']);
    expect((await fetch(`${server.url}/api/chat`)).status).toBe(405);
    const bad = await fetch(`${server.url}/api/chat`, { method: 'POST', body: '{"model":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toHaveProperty('error');
    expect(await (await fetch(server.url)).text()).toBe('Ollama is running');
  });
});

describe('fake Ollama: embeddings', () => {
  it('returns deterministic unit vectors where related texts are closer than unrelated ones', async () => {
    const { client } = await fake({ embeddingDimensions: 128 });
    const { embeddings, model } = await client.embed({ model: 'nomic-embed-text', input: ['What is the weather today?', 'what is the weather like today', 'Play some jazz music'] });
    expect(model).toBe('nomic-embed-text');
    expect(embeddings).toHaveLength(3);
    for (const vector of embeddings) {
      expect(vector).toHaveLength(128);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
    expect(cosine(embeddings[0]!, embeddings[1]!)).toBeGreaterThan(cosine(embeddings[0]!, embeddings[2]!) + 0.3);
    const again = await client.embed({ model: 'nomic-embed-text', input: 'What is the weather today?' });
    expect(again.embeddings[0]).toEqual(embeddings[0]);
  });

  it('gives even empty text a unit vector', () => {
    expect(Math.hypot(...fakeEmbedding('', 16))).toBe(1);
  });
});

describe('splitIntoTokens', () => {
  it('splits into words with their leading spaces and always joins back to the text', () => {
    expect(splitIntoTokens('Hi there, friend.')).toEqual(['Hi', ' there,', ' friend.']);
    fc.assert(fc.property(fc.string(), (text) => splitIntoTokens(text).join('') === text));
  });
});

describe('fake-ollama-cli', () => {
  const cli = join(__dirname, '..', 'support', 'fake-ollama-cli.ts');
  const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

  it('prints its URL and serves the scripted reply until stopped', async () => {
    const child = spawn(tsx, [cli, '--port', '0', '--reply', 'From the command line.', '--token-ms', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = await new Ollama({ host: line }).chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }] });
      expect(reply.message.content).toBe('From the command line.');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses an unknown fault with usage help', async () => {
    const child = spawn(tsx, [cli, '--fault', 'explode'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('unknown --fault "explode"');
    expect(stderr).toContain('usage:');
  });
});
