// The app:// scheme the built page is served from: what a request gets back (the page, its VAD
// model and wasm with the right types and our CSP) and what it never gets (anything outside the
// renderer folder, other hosts, writes).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, serveRenderer, type AppProtocolHandler } from '../../../src/main/electron/app-protocol';
import { appRequestTarget } from '../../../src/main/electron/app-request-path';
import { APP_INDEX_URL, registerAppScheme, type CustomSchemeSpec } from '../../../src/main/electron/app-scheme';
import { contentTypeFor } from '../../../src/main/core/host/content-types';
import { rendererLocation } from '../../../src/main/electron/renderer-location';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/core/host/content-security-policy';

const SECRET = 'the user keeps this outside the page folder';
const INDEX = '<!doctype html><title>Earshot</title>';
const WASM = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

let base: string;
let rendererDir: string;
let handler: AppProtocolHandler;
const refusals: Array<{ url: string; status: number; reason: string }> = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'earshot-app-protocol-'));
  rendererDir = join(base, 'out', 'renderer');
  mkdirSync(join(rendererDir, 'vad'), { recursive: true });
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'vad', 'ort-wasm-simd-threaded.wasm'), WASM);
  writeFileSync(join(rendererDir, 'vad', 'ort-wasm-simd-threaded.mjs'), 'export default 1;');
  writeFileSync(join(rendererDir, 'vad', 'silero_vad_v5.onnx'), Uint8Array.from([8, 1, 18, 0]));
  writeFileSync(join(base, 'out', 'secret.txt'), SECRET);
  writeFileSync(join(base, 'secret.txt'), SECRET);
  handler = createAppProtocolHandler({ rendererDir, policy: CONTENT_SECURITY_POLICY, onRefused: (url, status, reason) => refusals.push({ url, status, reason }) });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// scheme registration', () => {
  it('registers one standard, secure, fetchable scheme — never one that bypasses CSP', () => {
    const calls: CustomSchemeSpec[][] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) });
    expect(calls).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]]);
    expect(calls[0]![0]!.privileges).not.toHaveProperty('bypassCSP');
    expect(calls[0]![0]!.privileges).not.toHaveProperty('corsEnabled');
    expect(APP_INDEX_URL).toBe('app://earshot/index.html');
  });

  it('is handled only for the built page; under electron-vite dev the dev server serves it', () => {
    const handled: string[] = [];
    const protocol = { handle: (scheme: string) => handled.push(scheme) };
    expect(serveRenderer(protocol, rendererLocation('http://localhost:5173/'), { rendererDir, policy: CONTENT_SECURITY_POLICY })).toBe(false);
    expect(handled).toEqual([]);
    expect(serveRenderer(protocol, rendererLocation(undefined), { rendererDir, policy: CONTENT_SECURITY_POLICY })).toBe(true);
    expect(handled).toEqual(['app']);
  });
});

describe('app:// request paths', () => {
  it('maps "/" to index.html and other paths to their segments, ignoring query and hash', () => {
    expect(appRequestTarget('app://earshot/', 'GET')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(appRequestTarget('app://earshot', 'GET')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(appRequestTarget('app://earshot/vad/silero_vad_v5.onnx?v=1#x', 'GET')).toEqual({ kind: 'file', segments: ['vad', 'silero_vad_v5.onnx'] });
    expect(appRequestTarget('app://earshot/assets/a%20b.js', 'HEAD')).toEqual({ kind: 'file', segments: ['assets', 'a b.js'] });
  });

  it('refuses encoded traversal, separators, absolute and drive paths', () => {
    for (const url of [
      'app://earshot/%2e%2e%2fsecret.txt',
      'app://earshot/vad/..%2f..%2fsecret.txt',
      'app://earshot/vad/%2E%2E%2F%2E%2E%2Fsecret.txt',
      'app://earshot/..%5c..%5csecret.txt',
      'app://earshot/%2fetc%2fpasswd',
      'app://earshot//etc/passwd',
      'app://earshot/C:/Windows/win.ini',
      'app://earshot/index.html%00.png',
    ]) {
      expect(appRequestTarget(url, 'GET'), url).toMatchObject({ kind: 'refused', status: 403 });
    }
  });

  it('refuses other hosts, ports, credentials and schemes; writes; malformed encoding; folders', () => {
    for (const url of ['app://evil/index.html', 'app://earshot:8080/index.html', 'app://me:pw@earshot/index.html', 'file:///etc/passwd', 'https://earshot/index.html']) {
      expect(appRequestTarget(url, 'GET'), url).toMatchObject({ kind: 'refused', status: 403 });
    }
    expect(appRequestTarget(APP_INDEX_URL, 'POST')).toMatchObject({ kind: 'refused', status: 405 });
    expect(appRequestTarget('app://earshot/%E0%A4%A', 'GET')).toMatchObject({ kind: 'refused', status: 400 });
    expect(appRequestTarget('app://earshot/vad/', 'GET')).toMatchObject({ kind: 'refused', status: 404 });
    expect(appRequestTarget('not a url', 'GET')).toMatchObject({ kind: 'refused', status: 400 });
  });
});

describe('content types', () => {
  it('names every kind of file the page loads', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('ort-wasm-simd-threaded.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('index.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('ort-wasm-simd-threaded.wasm')).toBe('application/wasm');
    expect(contentTypeFor('silero_vad_v5.onnx')).toBe('application/octet-stream');
    expect(contentTypeFor('favicon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('icon.png')).toBe('image/png');
    expect(contentTypeFor('manifest.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('LICENSE')).toBe('application/octet-stream');
  });
});

describe('app:// handler', () => {
  it('serves index.html for "/" and for /index.html, with our CSP', async () => {
    for (const url of ['app://earshot/', APP_INDEX_URL, `${APP_INDEX_URL}?token=1#settings`]) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('serves the VAD wasm as application/wasm, byte for byte, and the rest with their types', async () => {
    const wasm = await get('app://earshot/vad/ort-wasm-simd-threaded.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(WASM);
    const types = await Promise.all(
      ['vad/ort-wasm-simd-threaded.mjs', 'vad/silero_vad_v5.onnx', 'assets/index-abc.js', 'assets/index-abc.css', 'favicon.svg'].map(async (path) => (await get(`app://earshot/${path}`)).headers.get('content-type')),
    );
    expect(types).toEqual(['text/javascript; charset=utf-8', 'application/octet-stream', 'text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'image/svg+xml']);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await get('app://earshot/vad/ort-wasm-simd-threaded.wasm', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    const attempts = [
      'app://earshot/../secret.txt',
      'app://earshot/../../secret.txt',
      'app://earshot/%2e%2e/secret.txt',
      'app://earshot/%2e%2e/%2e%2e/secret.txt',
      'app://earshot/vad/..%2f..%2fsecret.txt',
      'app://earshot/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://earshot/..%5c..%5csecret.txt',
      `app://earshot//${join(base, 'secret.txt').replace(/^\//, '')}`,
      `app://earshot/${encodeURIComponent(join(base, 'secret.txt'))}`,
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toContain(SECRET);
    }
    expect((await get('app://earshot/vad/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://earshot/%2e%2e%2f%2e%2e%2fsecret.txt')).status).toBe(403);
  });

  it('refuses other hosts with 403 (still under our CSP) and reports it', async () => {
    refusals.length = 0;
    const response = await get('app://evil/index.html');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('Earshot</title>');
    expect(refusals).toEqual([{ url: 'app://evil/index.html', status: 403, reason: expect.stringMatching(/only app:\/\/earshot/) }]);
  });

  it('refuses writes with 405', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('answers 404 for a missing file or a folder, and says how to build a missing page', async () => {
    expect((await get('app://earshot/vad/missing.onnx')).status).toBe(404);
    expect((await get('app://earshot/vad')).status).toBe(404);
    expect((await get('app://earshot/index.html/x')).status).toBe(404);
    const unbuilt = createAppProtocolHandler({ rendererDir: join(base, 'nowhere'), policy: CONTENT_SECURITY_POLICY });
    const response = await unbuilt(new Request('app://earshot/'));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/not built.*npm run build/);
  });

  it('answers 500 with the reason when a file cannot be read', async () => {
    const failing = createAppProtocolHandler({
      rendererDir,
      policy: CONTENT_SECURITY_POLICY,
      readFile: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
    });
    const response = await failing(new Request(APP_INDEX_URL));
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/could not read .*index\.html: EACCES/);
  });
});
