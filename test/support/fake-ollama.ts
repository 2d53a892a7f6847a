// A fake Ollama: a real node:http server on 127.0.0.1 speaking Ollama's HTTP API with its real field
// names (/api/chat, /api/generate, /api/tags, /api/show, /api/embed, /api/pull, /api/version, /api/ps),
// with scripted replies, delays and faults. For integration and e2e tests and manual CLI runs
// (fake-ollama-cli.ts). It records every request and notices when a client goes away mid-reply.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export const FAKE_FAULTS = ['http500', 'http503', 'cut-mid-stream', 'stall-mid-stream', 'malformed-ndjson', 'never-first-token', 'slow-headers'] as const;
export type FakeFault = (typeof FAKE_FAULTS)[number];

/** What a scripted reply or fault can look at. */
export interface FakeGeneration {
  path: '/api/chat' | '/api/generate';
  model: string;
  messages: { role: string; content: string }[];
  prompt: string;
  options: Record<string, unknown>;
  /** 0 for the first chat/generate request this server saw, 1 for the next, … */
  index: number;
}

export interface FakeOllamaScript {
  reply: string | ((request: FakeGeneration) => string);
  /** Delay before the first token (Ollama's prompt processing). */
  firstTokenDelayMs: number;
  /** Delay between tokens. */
  perTokenDelayMs: number;
  /** Installed models; a name without a tag means ":latest". */
  models: string[];
  fault: FakeFault | null | ((request: FakeGeneration) => FakeFault | null);
  /** cut-mid-stream / malformed-ndjson strike after this many tokens. */
  faultAfterTokens: number;
  /** slow-headers: delay before the response headers. */
  headersDelayMs: number;
  /** Reported in the final object, in nanoseconds like Ollama; measured when not given. */
  stats: Partial<Record<'load_duration' | 'prompt_eval_duration' | 'eval_duration' | 'prompt_eval_count', number>>;
  embeddingDimensions: number;
  /** Delay between /api/pull progress lines. */
  pullStepDelayMs: number;
  version: string;
}

export const DEFAULT_FAKE_SCRIPT: FakeOllamaScript = {
  reply: 'Hello! This is a scripted reply from the fake Ollama.',
  firstTokenDelayMs: 0,
  perTokenDelayMs: 0,
  models: ['llama3.2:3b', 'nomic-embed-text:latest'],
  fault: null,
  faultAfterTokens: 3,
  headersDelayMs: 1_000,
  stats: {},
  embeddingDimensions: 64,
  pullStepDelayMs: 0,
  version: '0.12.3',
};

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON body (undefined for GET or an unparsable body). */
  body: unknown;
  /** performance.now() when the request arrived. */
  receivedAt: number;
  /** performance.now() for each token line written. */
  tokensSentAt: number[];
  /** When the server finished its response, or null. */
  finishedAt: number | null;
  /** When the client went away before the response was finished, or null. */
  abortedAt: number | null;
}

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

/** "Hi there, friend." → ["Hi", " there,", " friend."]: words with their leading spaces, joining back to the text. */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Deterministic unit-length embedding: hashed bag of lower-cased words. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    vector[hash % dimensions]! += hash & 0x8000_0000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

export async function startFakeOllama(script: Partial<FakeOllamaScript> = {}, options: { port?: number } = {}): Promise<FakeOllama> {
  let current: FakeOllamaScript = { ...DEFAULT_FAKE_SCRIPT, ...script, models: [...(script.models ?? DEFAULT_FAKE_SCRIPT.models)] };
  const requests: RecordedRequest[] = [];
  const loaded = new Map<string, string>();
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
    const context: Context = { req, res, record, gone: gone.signal, script: current, installed, loaded, nextGeneration: () => generations++ };
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

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  gone: AbortSignal;
  script: FakeOllamaScript;
  installed: (name: string) => boolean;
  /** Loaded model → expires_at, for /api/ps. */
  loaded: Map<string, string>;
  nextGeneration: () => number;
}

type Body = Record<string, unknown>;

async function route(context: Context): Promise<void> {
  const { req, res, record, script } = context;
  const key = `${record.method} ${record.path}`;
  if (record.path === '/' && (record.method === 'GET' || record.method === 'HEAD')) return sendText(res, 200, 'Ollama is running');
  if (key === 'GET /api/version') return sendJson(res, 200, { version: script.version });
  if (key === 'GET /api/tags') return sendJson(res, 200, { models: script.models.map((name) => modelEntry(name)) });
  if (key === 'GET /api/ps') {
    const models = [...context.loaded].map(([name, expires_at]) => ({ ...modelEntry(name), expires_at, size_vram: 2_019_393_189 }));
    return sendJson(res, 200, { models });
  }
  const posts = ['/api/chat', '/api/generate', '/api/show', '/api/embed', '/api/pull'];
  if (!posts.includes(record.path)) return sendText(res, 404, '404 page not found');
  if (record.method !== 'POST') return sendText(res, 405, '405 method not allowed');

  const raw = await readBody(req);
  let body: Body;
  try {
    body = JSON.parse(raw === '' ? 'null' : raw) as Body;
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
  if (record.path === '/api/embed') {
    const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const embeddings = inputs.map((text) => fakeEmbedding(text, script.embeddingDimensions));
    const prompt_eval_count = inputs.reduce((sum, text) => sum + wordCount(text), 0);
    return sendJson(res, 200, { model, embeddings, total_duration: 1_500_000, load_duration: 100_000, prompt_eval_count });
  }
  return generate(context, model, body);
}

async function generate(context: Context, model: string, body: Body): Promise<void> {
  const { res, record, script, gone } = context;
  const isChat = record.path === '/api/chat';
  const messages = Array.isArray(body.messages) ? (body.messages as { role: string; content: string }[]) : [];
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  const options = (body.options ?? {}) as Record<string, unknown>;
  const request: FakeGeneration = { path: isChat ? '/api/chat' : '/api/generate', model, messages, prompt, options, index: context.nextGeneration() };
  const fault = typeof script.fault === 'function' ? script.fault(request) : script.fault;
  if (fault === 'http500') return sendJson(res, 500, { error: 'llama runner process has terminated: exit status 2' });
  if (fault === 'http503') return sendJson(res, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' });

  const keepAlive = body.keep_alive;
  const unload = keepAlive === 0 || keepAlive === '0' || keepAlive === '0s';
  if (unload) context.loaded.delete(withTag(model));
  else context.loaded.set(withTag(model), new Date(Date.now() + 30 * 60_000).toISOString());
  const head = (done: boolean, text: string) => ({
    model,
    created_at: new Date().toISOString(),
    ...(isChat ? { message: { role: 'assistant', content: text } } : { response: text }),
    done,
  });
  if (isChat ? messages.length === 0 : prompt === '') return sendJson(res, 200, { ...head(true, ''), done_reason: unload ? 'unload' : 'load' });

  const all = splitIntoTokens(typeof script.reply === 'function' ? script.reply(request) : script.reply);
  const limit = typeof options.num_predict === 'number' && options.num_predict > 0 ? options.num_predict : Infinity;
  const tokens = all.slice(0, limit);
  const promptTokens = script.stats.prompt_eval_count ?? messages.reduce((sum, m) => sum + wordCount(m.content) + 4, wordCount(prompt));
  const started = performance.now();
  let firstAt = started;
  const final = () => ({
    ...head(true, ''),
    done_reason: tokens.length < all.length ? 'length' : 'stop',
    ...(isChat ? {} : { context: tokens.map((_, i) => 1000 + i) }),
    total_duration: Math.round((performance.now() - started) * 1e6),
    load_duration: script.stats.load_duration ?? 1_000_000,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: script.stats.prompt_eval_duration ?? Math.round((firstAt - started) * 1e6),
    eval_count: tokens.length,
    eval_duration: script.stats.eval_duration ?? Math.round((performance.now() - firstAt) * 1e6),
  });

  if (fault === 'slow-headers' && !(await pause(script.headersDelayMs, gone))) return;
  if (body.stream === false) {
    const wait = tokens.length === 0 ? 0 : script.firstTokenDelayMs + script.perTokenDelayMs * (tokens.length - 1);
    if (!(await pause(wait, gone))) return;
    firstAt = started + script.firstTokenDelayMs;
    const text = tokens.join('');
    return sendJson(res, 200, { ...final(), ...(isChat ? { message: { role: 'assistant', content: text } } : { response: text }) });
  }

  res.writeHead(200, { 'Content-Type': 'application/x-ndjson', Date: new Date().toUTCString() });
  res.flushHeaders();
  if (fault === 'never-first-token') return; // headers sent, then silence until the client leaves
  // A cut waits until the tokens already written have left, so the client really has them.
  let written = Promise.resolve();
  const cut = async () => {
    await written;
    res.socket?.destroy();
  };
  for (const [i, token] of tokens.entries()) {
    if (!(await pause(i === 0 ? script.firstTokenDelayMs : script.perTokenDelayMs, gone))) return;
    if (i === 0) firstAt = performance.now();
    if (i === script.faultAfterTokens && fault === 'cut-mid-stream') return cut();
    if (i === script.faultAfterTokens && fault === 'stall-mid-stream') return; // connection open, nothing more
    if (i === script.faultAfterTokens && fault === 'malformed-ndjson') res.write(`{"model":"${model}","message":{"role":"assis\n`);
    written = new Promise((resolve) => res.write(`${JSON.stringify(head(false, token))}\n`, () => resolve()));
    record.tokensSentAt.push(performance.now());
  }
  if (fault === 'cut-mid-stream') return cut();
  res.end(`${JSON.stringify(final())}\n`);
}

async function pull(context: Context, model: string, stream: boolean): Promise<void> {
  const { res, script, gone } = context;
  const layers = [digestOf(`${model}/weights`), digestOf(`${model}/template`)];
  const lines: Body[] = [{ status: 'pulling manifest' }];
  for (const [n, digest] of layers.entries()) {
    const total = n === 0 ? 2_019_377_376 : 1_429;
    for (const completed of [0, Math.floor(total / 2), total]) {
      lines.push({ status: `pulling ${digest.slice(7, 19)}`, digest, total, completed });
    }
  }
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  const install = () => {
    if (!context.installed(model)) script.models.push(withTag(model));
  };
  if (!stream) {
    if (!(await pause(script.pullStepDelayMs * lines.length, gone))) return;
    install();
    return sendJson(res, 200, { status: 'success' });
  }
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  for (const line of lines) {
    if (!(await pause(script.pullStepDelayMs, gone))) return;
    if (line.status === 'success') install();
    res.write(`${JSON.stringify(line)}\n`);
  }
  res.end();
}

function modelEntry(name: string) {
  const tagged = withTag(name);
  const family = tagged.split(/[:/]/)[0]?.replace(/[\d.]+$/, '') || 'llama';
  const embedding = /embed|minilm/.test(tagged);
  return {
    name: tagged,
    model: tagged,
    modified_at: '2025-01-15T10:20:30.123456789Z',
    size: embedding ? 274_302_450 : 2_019_393_189,
    digest: digestOf(tagged).slice(7),
    details: {
      parent_model: '',
      format: 'gguf',
      family: embedding ? 'nomic-bert' : family,
      families: [embedding ? 'nomic-bert' : family],
      parameter_size: embedding ? '137M' : '3.2B',
      quantization_level: embedding ? 'F16' : 'Q4_K_M',
    },
  };
}

function showEntry(name: string) {
  const entry = modelEntry(name);
  const embedding = entry.details.family === 'nomic-bert';
  return {
    modelfile: `# Modelfile generated by "ollama show"\nFROM ${entry.name}\n`,
    parameters: 'stop                           "<|eot_id|>"',
    template: '{{ if .System }}{{ .System }}{{ end }}{{ .Prompt }}',
    details: entry.details,
    model_info: { 'general.architecture': entry.details.family, 'general.parameter_count': embedding ? 136_727_040 : 3_212_749_888, [`${entry.details.family}.context_length`]: embedding ? 2048 : 131_072 },
    capabilities: embedding ? ['embedding'] : ['completion', 'tools'],
    modified_at: entry.modified_at,
  };
}

function withTag(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}

function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** Waits, unless the client has gone; false when it has. A zero wait does not touch the timer queue. */
async function pause(ms: number, gone: AbortSignal): Promise<boolean> {
  if (gone.aborted) return false;
  if (ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal: gone });
    return true;
  } catch {
    return false;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
