// A mirror (or whoever sits between us and it) cannot hang a download, fill the disk, or slip in
// bytes from somewhere else.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../src/main/core/models/catalog-schema';
import type { ModelError } from '../../../src/main/core/models/model-errors';
import { nodeModelFs } from '../../../src/main/core/models/model-fs';
import { downloadVerified, type VerifiedDownloadDeps } from '../../../src/main/core/models/verified-download';
import { goesSilent, neverEnds, redirectsTo, serves, startHostileServer, type HostileServer } from '../../support/hostile-http';
import { instantRetry } from './model-fixtures';

let dir: string;
let server: HostileServer;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-attack-'));
});

afterEach(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function deps(extra: Partial<VerifiedDownloadDeps> = {}): VerifiedDownloadDeps {
  return { fetch, fs: nodeModelFs, ...instantRetry, ...extra };
}

function file(url: string, sizeBytes: number, extra: Partial<CatalogFile> = {}): CatalogFile {
  return { path: 'model.onnx', url, sizeBytes, exactSize: false, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error('expected the download to fail');
}

describe('a mirror that stops sending', () => {
  it('fails with "the mirror stopped sending" instead of hanging, and the partial file can resume', async () => {
    server = await startHostileServer({ '/m.onnx': goesSilent(1000, 5000) });
    const error = await failure(downloadVerified(file(`${server.url}/m.onnx`, 5000), join(dir, 'm.onnx'), deps({ idleTimeoutMs: 150 })));
    expect(error.reason).toBe('interrupted');
    expect(error.message).toMatch(/mirror stopped sending/i);
    expect(error.message).toMatch(/resumes/);
    expect(existsSync(join(dir, 'm.onnx'))).toBe(false);
  });

  it('fails when the server sends no headers at all', async () => {
    server = await startHostileServer({ '/m.onnx': () => {} });
    const error = await failure(downloadVerified(file(`${server.url}/m.onnx`, 5000), join(dir, 'm.onnx'), deps({ idleTimeoutMs: 150 })));
    expect(error.message).toMatch(/mirror stopped sending/i);
  });
});

describe('a response that never ends', () => {
  it('is cut off at the cap and leaves no .part behind when the size is only estimated', async () => {
    server = await startHostileServer({ '/m.onnx': neverEnds() });
    const error = await failure(downloadVerified(file(`${server.url}/m.onnx`, 200_000), join(dir, 'm.onnx'), deps(), () => {}, 'vad'));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/larger than the .* it may be/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is cut off at the exact size when the catalog pins it', async () => {
    server = await startHostileServer({ '/m.onnx': neverEnds() });
    const error = await failure(downloadVerified(file(`${server.url}/m.onnx`, 100_000, { exactSize: true }), join(dir, 'm.onnx'), deps()));
    expect(error.reason).toBe('corrupt');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is refused before a byte is written when it announces more than the cap', async () => {
    server = await startHostileServer({ '/m.onnx': goesSilent(10, 10 * 1024 ** 3) });
    const error = await failure(downloadVerified(file(`${server.url}/m.onnx`, 1_000_000), join(dir, 'm.onnx'), deps({ idleTimeoutMs: 5_000 })));
    expect(error.message).toMatch(/larger than/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('where the bytes come from', () => {
  it('refuses plain http to another machine without connecting', async () => {
    const calls: string[] = [];
    const spy = (async (url: string | URL | Request) => {
      calls.push(String(url));
      throw new Error('must not connect');
    }) as typeof fetch;
    const error = await failure(downloadVerified(file('http://mirror.example.com/m.onnx', 100), join(dir, 'm.onnx'), deps({ fetch: spy })));
    expect(error.reason).toBe('insecure');
    expect(error.message).toMatch(/plain http/);
    expect(calls).toEqual([]);
  });

  it('refuses a redirect to another host', async () => {
    const body = new Uint8Array(100).fill(7);
    server = await startHostileServer({ '/m.onnx': redirectsTo((port) => `http://localhost:${port}/evil.onnx`), '/evil.onnx': serves(body) });
    const error = await failure(downloadVerified(file(`${server.url}/m.onnx`, 100), join(dir, 'm.onnx'), deps()));
    expect(error.reason).toBe('insecure');
    expect(error.message).toMatch(/redirected .* to http:\/\/localhost/);
    expect(server.requests).toEqual(['/m.onnx']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('follows a redirect on the same host, and to a host the catalog names', async () => {
    const body = new Uint8Array(100).fill(7);
    server = await startHostileServer({
      '/same.onnx': redirectsTo((port) => `http://127.0.0.1:${port}/cdn.onnx`),
      '/named.onnx': redirectsTo((port) => `http://localhost:${port}/cdn.onnx`),
      '/cdn.onnx': serves(body),
    });
    await expect(downloadVerified(file(`${server.url}/same.onnx`, 100), join(dir, 'a.onnx'), deps())).resolves.toMatchObject({ size: 100 });
    await expect(
      downloadVerified(file(`${server.url}/named.onnx`, 100, { redirectHosts: ['localhost'] }), join(dir, 'b.onnx'), deps()),
    ).resolves.toMatchObject({ size: 100 });
  });
});
