// A fake Ollama: a real node:http server on 127.0.0.1 speaking Ollama's HTTP API with its real field
// names (/api/chat, /api/generate, /api/tags, /api/show, /api/embed, /api/pull, /api/version, /api/ps),
// with scripted replies, delays and faults. For integration and e2e tests and manual CLI runs
// (fake-ollama-cli.ts). It records every request and notices when a client goes away mid-reply.
// This file holds the server and its routing; the handlers live in fake-ollama-generation.ts
// (chat/generate) and fake-ollama-models.ts (tags/ps/show/embed/pull), the script in fake-ollama-script.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KvSlot } from './fake-ollama-cpu-model';
import { generate } from './fake-ollama-generation';
import { type FakeRequestBody, type FakeRequestContext, readBody, sendJson, sendText } from './fake-ollama-http';
import { embed, modelEntry, pull, runningModels, showEntry, withTag } from './fake-ollama-models';
import { DEFAULT_FAKE_SCRIPT, type FakeOllamaScript, type RecordedRequest } from './fake-ollama-script';

export { DEFAULT_FAKE_SCRIPT, FAKE_FAULTS, type FakeFault, type FakeGeneration, type FakeOllamaScript, type RecordedRequest } from './fake-ollama-script';
export { fakeEmbedding, splitIntoTokens } from './fake-ollama-text';
export { type CpuModel, LAPTOP_CPU_MODEL } from './fake-ollama-cpu-model';

export interface FakeOllama {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections open now. */
  readonly openConnections: number;
  setScript(patch: Partial<FakeOllamaScript>): void;
  close(): Promise<void>;
}

export async function startFakeOllama(script: Partial<FakeOllamaScript> = {}, options: { port?: number } = {}): Promise<FakeOllama> {
  let current: FakeOllamaScript = { ...DEFAULT_FAKE_SCRIPT, ...script, models: [...(script.models ?? DEFAULT_FAKE_SCRIPT.models)] };
  const requests: RecordedRequest[] = [];
  const loaded = new Map<string, string>();
  const slots = new Map<string, KvSlot>();
  const slot = (model: string): KvSlot => {
    let found = slots.get(model);
    if (!found) slots.set(model, (found = new KvSlot()));
    return found;
  };
  let generations = 0;
  let connections = 0;
  let openConnections = 0;

  const server = createServer({ noDelay: true }, (req, res) => {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://fake').pathname,
      body: undefined,
      receivedAt: performance.now(),
      tokensSentAt: [],
      finishedAt: null,
      abortedAt: null,
    };
    requests.push(record);
    const gone = new AbortController();
    res.on('finish', () => (record.finishedAt = performance.now()));
    res.on('close', () => {
      if (record.finishedAt !== null) return;
      record.abortedAt = performance.now();
      gone.abort();
    });
    const context: FakeRequestContext = { req, res, record, gone: gone.signal, script: current, installed, loaded, nextGeneration: () => generations++, slot };
    route(context).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    connections++;
    openConnections++;
    socket.once('close', () => openConnections--);
  });

  function installed(name: string): boolean {
    return current.models.some((model) => withTag(model) === withTag(name));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    get openConnections() {
      return openConnections;
    },
    setScript(patch) {
      current = { ...current, ...patch };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(context: FakeRequestContext): Promise<void> {
  const { req, res, record, script } = context;
  const key = `${record.method} ${record.path}`;
  if (record.path === '/' && (record.method === 'GET' || record.method === 'HEAD')) return sendText(res, 200, 'Ollama is running');
  if (key === 'GET /api/version') return sendJson(res, 200, { version: script.version });
  if (key === 'GET /api/tags') return sendJson(res, 200, { models: script.models.map((name) => modelEntry(name)) });
  if (key === 'GET /api/ps') return sendJson(res, 200, { models: runningModels(context.loaded) });
  const posts = ['/api/chat', '/api/generate', '/api/show', '/api/embed', '/api/pull'];
  if (!posts.includes(record.path)) return sendText(res, 404, '404 page not found');
  if (record.method !== 'POST') return sendText(res, 405, '405 method not allowed');

  const raw = await readBody(req);
  let body: FakeRequestBody;
  try {
    body = JSON.parse(raw === '' ? 'null' : raw) as FakeRequestBody;
    if (body === null || typeof body !== 'object') throw new Error('unexpected EOF');
  } catch (error) {
    return sendJson(res, 400, { error: error instanceof Error ? error.message : 'invalid JSON' });
  }
  record.body = body;
  const model = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
  if (model === '') return sendJson(res, 400, { error: 'model is required' });

  if (record.path === '/api/pull') return pull(context, model, body.stream !== false);
  if (!context.installed(model)) {
    return sendJson(res, 404, { error: record.path === '/api/show' ? `model '${model}' not found` : `model "${model}" not found, try pulling it first` });
  }
  if (record.path === '/api/show') return sendJson(res, 200, showEntry(model));
  if (record.path === '/api/embed') return embed(context, model, body);
  return generate(context, model, body);
}
