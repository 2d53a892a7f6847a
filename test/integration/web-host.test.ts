// The browser host end to end over real HTTP and a real WebSocket, with the fake runtime.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createContractHandler, type ContractHandler } from '../../src/main/core/runtime/contract-handler';
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/host/content-security-policy';
import { startWebHost, type WebHost } from '../../src/main/web/web-host';
import { type EventPayloads, REQUEST_NAMES } from '../../src/shared/contract';
import { createSocketBridge, bridgeUrl } from '../../src/shared/socket-bridge';
import type { TurnEvent } from '../../src/shared/turn';
import { decodeWire, encodeWire } from '../../src/shared/wire';
import { createFakeRuntime, type FakeRuntime } from '../support/fake-runtime';

let site: string;
let root: string;
let runtime: FakeRuntime;
let handler: ContractHandler;
let host: WebHost;
const heardAudio: Float32Array[] = [];

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'earshot-web-host-'));
  root = join(site, 'renderer');
  mkdirSync(join(root, 'vad'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Earshot</title><script type="module" src="./app.js"></script>');
  writeFileSync(join(root, 'app.js'), 'console.log("hi")');
  writeFileSync(join(root, 'vad', 'ort.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(root, 'vad', 'ort.mjs'), 'export {}');
  writeFileSync(join(root, 'vad', 'silero.onnx'), Buffer.alloc(16));
  writeFileSync(join(site, 'secret.txt'), 'do not serve me');
  symlinkSync(join(site, 'secret.txt'), join(root, 'link.txt'));
  runtime = createFakeRuntime({
    vad: false,
    stt: {
      texts: (audio) => {
        heardAudio.push(audio.slice());
        return 'What colour is the sky?';
      },
    },
    llm: { reply: 'The sky is blue. It scatters blue light.', perTokenMs: 2 },
    tts: { realTimeFactor: 0.01, chunks: 2 },
  });
  handler = createContractHandler(runtime, { version: '9.9.9' });
  host = await startWebHost({ handler, rendererDir: root, port: 0 });
});

afterAll(async () => {
  await host.close();
  handler.dispose();
  await runtime.close();
  rmSync(site, { recursive: true, force: true });
});

const open: WebSocket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.terminate();
});

function connect(url: string, origin?: string): WebSocket {
  const socket = new WebSocket(url, origin ? { origin } : {});
  open.push(socket);
  return socket;
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it opened. */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, origin);
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const socketUrl = (token = host.token) => bridgeUrl(`http://127.0.0.1:${host.port}/?token=${encodeURIComponent(token)}`);

describe('browser host: who may connect', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the bridge without the token, with a wrong token, and from another site', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/bridge`)).toBe(401);
    expect(await upgradeStatus(socketUrl('not-the-token'))).toBe(401);
    expect(await upgradeStatus(socketUrl(), 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(socketUrl(), 'null')).toBe(403);
    expect(await upgradeStatus(socketUrl().replace('/bridge', '/other'))).toBe(403);
    expect(await upgradeStatus(socketUrl(), `http://127.0.0.1:${host.port}`)).toBe(101);
  });

  it("tells a page whether its token is accepted, so a wrong link is explained instead of retried for ever", async () => {
    const access = async (token: string | null, headers: Record<string, string> = {}) => {
      const reply = await get(token === null ? '/bridge-access' : `/bridge-access?token=${encodeURIComponent(token)}`, headers);
      return reply.status === 200 ? (JSON.parse(reply.body) as { token: string }).token : reply.status;
    };
    expect(await access(host.token)).toBe('accepted');
    expect(await access('not-the-token')).toBe('refused');
    expect(await access(null)).toBe('refused');
    // Same guards as the bridge: another site or another host name learns nothing.
    expect(await access(host.token, { Origin: 'http://evil.example' })).toBe(403);
    expect(await access(host.token, { Host: `evil.example:${host.port}` })).toBe(403);
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    expect((await get('/', { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get('/', { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!external) return; // no other interface on this machine to try
    const reached = await new Promise<boolean>((resolve) => {
      const req = httpRequest({ host: external, port: host.port, path: '/', timeout: 2000 }, () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
    expect(reached).toBe(false);
  });
});

describe('browser host: the contract over the WebSocket', () => {
  it('answers turn.ask at once and streams tokens, audio and done as events', async () => {
    const socket = connect(socketUrl(), `http://127.0.0.1:${host.port}`);
    const bridge = createSocketBridge(socket as never);
    await bridge.opened;
    const events: TurnEvent[] = [];
    const done = new Promise<TurnEvent>((resolve) =>
      bridge.on('turn', (event) => {
        events.push(event);
        if (event.type === 'done') resolve(event);
      }),
    );
    const reply = await bridge.request('turn.ask', { text: 'What colour is the sky?' });
    expect(reply).toEqual({ ok: true, value: { turnId: expect.any(String) } });
    const end = await done;
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('')).toBe('The sky is blue. It scatters blue light.');
    const audio = events.find((e) => e.type === 'audio');
    expect(audio?.type === 'audio' && audio.samples).toBeInstanceOf(Float32Array);
    expect(end.type === 'done' && end.result.complete).toBe(true);
    const info = await bridge.request('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'browser', version: '9.9.9', holdToTalk: false } });
  });

  it('carries turn.audio Float32Arrays losslessly to speech-to-text', async () => {
    const socket = connect(socketUrl());
    const bridge = createSocketBridge(socket as never);
    await bridge.opened;
    const done = new Promise<void>((resolve) => bridge.on('turn', (e) => e.type === 'done' && resolve()));
    const begin = await bridge.request('turn.begin', {});
    if (!begin.ok) throw new Error(begin.error.message);
    const sent = Float32Array.from({ length: 4800 }, (_, i) => Math.sin(i / 9) * 0.5);
    sent[0] = -0;
    sent[1] = 1e-40; // subnormal
    heardAudio.length = 0;
    for (let i = 0; i < sent.length; i += 1600) {
      expect(await bridge.request('turn.audio', { turnId: begin.value.turnId, samples: sent.slice(i, i + 1600) })).toEqual({ ok: true, value: null });
    }
    expect(await bridge.request('turn.end', { turnId: begin.value.turnId })).toEqual({ ok: true, value: null });
    await done;
    const heard = heardAudio[0] as Float32Array;
    expect(heard.length).toBe(sent.length);
    expect(Buffer.from(heard.buffer, heard.byteOffset, heard.byteLength).equals(Buffer.from(sent.buffer))).toBe(true);
  });

  it('answers hostile messages with invalid_input and keeps the connection', async () => {
    const socket = connect(socketUrl());
    await new Promise((resolve) => socket.once('open', resolve));
    const replies: unknown[] = [];
    socket.on('message', (data) => {
      const message = decodeWire(data.toString()) as { id?: unknown; event?: string };
      if (!message.event) replies.push(message);
    });
    socket.send('{not json');
    socket.send(JSON.stringify({ id: 1, name: 'no.such.request', params: {} }));
    socket.send(JSON.stringify({ id: 2, name: 'turn.ask', params: { text: 'x'.repeat(100_000) } }));
    socket.send(JSON.parse('[1,2,3]') as string);
    socket.send(JSON.stringify({ id: 3, name: 'settings.update', params: JSON.parse('{"patch":{"__proto__":{"polluted":true}}}') }));
    socket.send(JSON.stringify({ id: 4, name: 'turn.audio', params: { turnId: 't', samples: { $f32: '!!!' } } }));
    socket.send(encodeWire({ id: 5, name: 'settings.get', params: {} }));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => replies.length >= 7 && (clearInterval(timer), resolve()), 5);
    });
    const byId = (id: unknown) => replies.find((r) => (r as { id: unknown }).id === id) as { reply: { ok: boolean; error?: { code: string } } };
    for (const id of [1, 2, 3]) expect(byId(id).reply.error?.code).toBe('invalid_input');
    expect(byId(5).reply.ok).toBe(true);
    expect(replies.filter((r) => (r as { id: unknown }).id === null)).toHaveLength(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('survives hundreds of random frames (fast-check) and still answers a normal request', async () => {
    const socket = connect(socketUrl());
    await new Promise((resolve) => socket.once('open', resolve));
    const replies: Array<{ id?: unknown; reply?: { ok: boolean } }> = [];
    socket.on('message', (data) => {
      const message = decodeWire(data.toString()) as { id?: unknown; event?: string; reply?: { ok: boolean } };
      if (!message.event) replies.push(message);
    });
    const frame = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      fc.record({ id: fc.anything(), name: fc.oneof(fc.string(), fc.constantFrom(...REQUEST_NAMES)), params: fc.anything({ maxDepth: 3 }) }).map((m) => JSON.stringify(m) ?? ''),
      fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
    );
    const frames = fc.sample(frame, { numRuns: 400, seed: 7 });
    for (const f of frames) socket.send(f);
    socket.send(encodeWire({ id: 'after-fuzz', name: 'settings.get', params: {} }));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => replies.some((r) => r.id === 'after-fuzz') && (clearInterval(timer), resolve()), 5);
    });
    expect(replies.find((r) => r.id === 'after-fuzz')?.reply?.ok).toBe(true);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    runtime.assistant.cancel();
  });

  it('cancels the listening turn of a page that goes away', async () => {
    const socket = connect(socketUrl());
    const bridge = createSocketBridge(socket as never);
    await bridge.opened;
    const begin = await bridge.request('turn.begin', {});
    expect(begin.ok).toBe(true);
    expect(runtime.assistant.activeTurnId).not.toBeNull();
    socket.close();
    const until = Date.now() + 2000;
    while (runtime.assistant.activeTurnId !== null && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(runtime.assistant.activeTurnId).toBeNull();
  });

  it('pushes model download progress to the page', async () => {
    const socket = connect(socketUrl());
    const bridge = createSocketBridge(socket as never);
    await bridge.opened;
    const progress: EventPayloads['model.progress'][] = [];
    bridge.on('model.progress', (p) => progress.push(p));
    expect(await bridge.request('models.fetch', { id: 'whisper-base' })).toEqual({ ok: true, value: null });
    expect(progress.map((p) => p.phase)).toContain('done');
  });
});

describe('browser host: static files', () => {
  it('serves the page and its files with the CSP and the right content types', async () => {
    const page = await get('/?token=whatever');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<title>Earshot</title>');
    const types: Record<string, string> = {
      '/app.js': 'text/javascript; charset=utf-8',
      '/vad/ort.mjs': 'text/javascript; charset=utf-8',
      '/vad/ort.wasm': 'application/wasm',
      '/vad/silero.onnx': 'application/octet-stream',
    };
    for (const [path, type] of Object.entries(types)) {
      const file = await get(path);
      expect(file.status, path).toBe(200);
      expect(file.headers['content-type'], path).toBe(type);
      expect(file.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await get('/nope.js')).status).toBe(404);
  });

  it('refuses to serve anything outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/vad/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/link.txt', '/vad%00/ort.mjs', '/%E0%A4%A']) {
      const res = await get(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('do not serve me');
    }
  });

  it('says to build first when the renderer is missing', async () => {
    await expect(startWebHost({ handler, rendererDir: join(site, 'missing'), port: 0 })).rejects.toThrow(/npm run build/);
  });
});
