// Every way a fetch can fail leaves nothing half-installed and any installed version untouched.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/main/core/models/catalog';
import { catalogEntrySchema, type CatalogEntry } from '../../../src/main/core/models/catalog-schema';
import { MANIFEST_NAME } from '../../../src/main/core/models/installed-manifest';
import type { ModelError } from '../../../src/main/core/models/model-errors';
import { nodeModelFs, type ModelFs } from '../../../src/main/core/models/model-fs';
import { createModelManager, type ModelManagerDeps } from '../../../src/main/core/models/model-manager';
import { startFileServer, type FileServer } from '../../support/file-server';
import { fakeOnnx, instantRetry, piperArchive, serveEntry, sha256, tempModelsDir, whisperFiles } from './model-fixtures';

let server: FileServer;
let modelsDir: string;

beforeEach(async () => {
  server = await startFileServer();
  modelsDir = tempModelsDir();
});

afterEach(async () => {
  await server.close();
  rmSync(modelsDir, { recursive: true, force: true });
});

function manager(entries: CatalogEntry[], deps: Partial<ModelManagerDeps> = {}) {
  return createModelManager({ modelsDir, catalog: buildCatalog([], entries), ...instantRetry, ...deps });
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error('expected the install to fail');
}

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** Bytes in a folder tree. */
function du(dir: string): number {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) bytes += e.isDirectory() ? du(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return bytes;
}

describe('a download that is wrong', () => {
  it('rejects a checksum mismatch and installs nothing', async () => {
    const entry = serveEntry(server, 'whisper-test', whisperFiles(), { wrongSha256For: 'onnx/decoder_model_merged_int8.onnx' });
    const error = await failure(manager([entry]).install('whisper-test'));
    expect(error).toMatchObject({ reason: 'corrupt', code: 'model_corrupt' });
    expect(error.message).toMatch(/onnx\/decoder_model_merged_int8\.onnx does not match its checksum/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('rejects a truncated file on the server (size announced short of the catalog size)', async () => {
    const files = whisperFiles();
    const entry = serveEntry(server, 'whisper-test', files);
    server.setFile('/whisper-test/onnx/encoder_model_int8.onnx', files['onnx/encoder_model_int8.onnx']!.subarray(0, 1_000));
    const error = await failure(manager([entry]).install('whisper-test'));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/offers 1000 bytes for .*encoder_model_int8\.onnx where 300000 were expected/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('rejects a truncated file when only the checksum is known', async () => {
    const files = whisperFiles();
    const entry = serveEntry(server, 'whisper-test', files, { exactSize: false });
    server.setFile('/whisper-test/onnx/encoder_model_int8.onnx', files['onnx/encoder_model_int8.onnx']!.subarray(0, 250_000));
    const error = await failure(manager([entry]).install('whisper-test'));
    expect(error.message).toMatch(/encoder_model_int8\.onnx does not match its checksum/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('says which URL was not found (404) and installs nothing', async () => {
    const entry = serveEntry(server, 'whisper-test', whisperFiles());
    server.removeFile('/whisper-test/tokenizer.json');
    const error = await failure(manager([entry]).install('whisper-test'));
    expect(error).toMatchObject({ reason: 'not_found' });
    expect(error.message).toContain(`${server.url}/whisper-test/tokenizer.json was not found`);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('rejects a voice archive that is not bzip2', async () => {
    const entry = serveEntry(server, 'piper-test', { 'voice.tar.bz2': fakeOnnx(5_000) }, { kind: 'tts', extract: true });
    const error = await failure(manager([entry]).install('piper-test'));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/archive .* is broken/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('rejects a truncated voice archive', async () => {
    const archive = piperArchive('vits-piper-x');
    const entry = serveEntry(server, 'piper-test', { 'voice.tar.bz2': archive.subarray(0, Math.floor(archive.length / 2)) }, { kind: 'tts', extract: true });
    const error = await failure(manager([entry]).install('piper-test'));
    expect(error.reason).toBe('corrupt');
    expect(readdirSync(modelsDir)).toEqual([]);
  });
});

describe('a mirror that serves junk', () => {
  it('fails the built-in whisper-base clearly and installs nothing', async () => {
    const junk = new TextEncoder().encode('<!DOCTYPE html><html><body>Welcome to the corporate proxy</body></html>');
    const entry = buildCatalog().entries.find((e) => e.id === 'whisper-base')!;
    for (const file of entry.files) server.setFile(new URL(file.url).pathname, junk);
    const models = createModelManager({ modelsDir, ...instantRetry });
    const error = await failure(models.install('whisper-base', { mirror: server.url }));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/The download from 127\.0\.0\.1:\d+ is wrong: tokenizer\.json is \d+ bytes where about \d+ were expected/);
    expect(error.message).toMatch(/check --mirror/);
    expect(server.requests.every((r) => r.path.startsWith('/onnx-community/whisper-base/resolve/main/'))).toBe(true);
    expect(readdirSync(modelsDir)).toEqual([]);
    expect(await models.isInstalled('whisper-base')).toBe(false);
  });

  it('fails at the test load when junk has a plausible size', async () => {
    const files = { ...whisperFiles(), 'onnx/encoder_model_int8.onnx': new Uint8Array(300_000).fill(0x3c) };
    const entry = serveEntry(server, 'whisper-test', files, { sha256: false, exactSize: false });
    const error = await failure(manager([entry]).install('whisper-test'));
    expect(error.message).toMatch(/whisper-test failed its test load: onnx\/encoder_model_int8\.onnx is not an ONNX model/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });
});

describe('the network going away', () => {
  it('reports an unreachable host and keeps nothing installed', async () => {
    const closed = await startFileServer();
    const url = closed.url;
    await closed.close();
    const entry = serveEntry(server, 'whisper-test', whisperFiles());
    const offline = { ...entry, files: entry.files.map((f) => ({ ...f, url: f.url.replace(server.url, url) })) };
    const error = await failure(manager([offline]).install('whisper-test'));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toMatch(/Cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the network connection/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('keeps the partial download when the connection keeps dropping, and the next fetch resumes it', async () => {
    const files = whisperFiles(4, 400_000);
    const entry = serveEntry(server, 'whisper-test', files);
    const path = '/whisper-test/onnx/decoder_model_merged_int8.onnx';
    const body = files['onnx/decoder_model_merged_int8.onnx']!;
    // Every try stops at the same place: no progress, so the retries run out.
    server.setFile(path, { body, faults: [{ cutAfterBytes: 200_000 }, { cutAfterBytes: 0 }, { cutAfterBytes: 0 }] });
    const models = manager([entry]);
    const error = await failure(models.install('whisper-test'));
    expect(error).toMatchObject({ reason: 'interrupted', transient: true });
    expect(error.message).toMatch(/resumes where it stopped/);
    expect(await models.isInstalled('whisper-test')).toBe(false);
    expect(existsSync(join(modelsDir, 'whisper-test'))).toBe(false);

    const before = server.requests.length;
    await models.install('whisper-test');
    const resumed = server.requests.slice(before).find((r) => r.path === path)!;
    expect(resumed.range).toMatch(/^bytes=\d+-$/);
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'onnx/decoder_model_merged_int8.onnx')))).toBe(sha256(body));
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });
});

describe('the disk refusing', () => {
  /** A file system whose writes fail with `code` after `afterBytes` bytes in total. */
  function failingWrites(code: string, afterBytes: number): ModelFs {
    let written = 0;
    return {
      ...nodeModelFs,
      async openWrite(path, mode) {
        const sink = await nodeModelFs.openWrite(path, mode);
        return {
          async write(chunk) {
            if (written + chunk.length > afterBytes) throw errno(code);
            written += chunk.length;
            await sink.write(chunk);
          },
          close: () => sink.close(),
        };
      },
    };
  }

  it('reports a full disk (ENOSPC), keeps the installed version and the partial download, and resumes once space is freed', async () => {
    const v1 = whisperFiles(1);
    await manager([serveEntry(server, 'whisper-test', v1)]).install('whisper-test');
    const v2 = whisperFiles(2);
    const entry2 = serveEntry(server, 'whisper-test', v2);
    const error = await failure(manager([entry2], { fs: failingWrites('ENOSPC', 200_000) }).install('whisper-test'));
    expect(error).toMatchObject({ reason: 'disk_full', code: 'disk_full' });
    expect(error.message).toMatch(/disk is full .*Free some space/);
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'config.json')))).toBe(sha256(v1['config.json']!));
    expect(readdirSync(join(modelsDir, '.incoming', 'whisper-test', 'downloads'))).toContain('onnx__encoder_model_int8.onnx.part');

    const before = server.requests.length;
    expect((await manager([entry2]).install('whisper-test')).status).toBe('installed');
    const resumed = server.requests.slice(before).find((r) => r.path === '/whisper-test/onnx/encoder_model_int8.onnx')!;
    expect(resumed.range).toMatch(/^bytes=\d+-$/);
    expect(server.requests.slice(before).some((r) => r.path === '/whisper-test/config.json')).toBe(false);
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'onnx/encoder_model_int8.onnx')))).toBe(sha256(v2['onnx/encoder_model_int8.onnx']!));
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });

  it('resumes an interrupted fetch when only the bytes still missing fit on the disk', async () => {
    const files = whisperFiles(4, 400_000);
    const entry = serveEntry(server, 'whisper-test', files);
    const path = '/whisper-test/onnx/decoder_model_merged_int8.onnx';
    server.setFile(path, { body: files['onnx/decoder_model_merged_int8.onnx']!, faults: [{ cutAfterBytes: 700_000 }, { cutAfterBytes: 0 }, { cutAfterBytes: 0 }] });
    expect((await failure(manager([entry]).install('whisper-test'))).reason).toBe('interrupted');
    const total = Object.values(files).reduce((sum, body) => sum + body.length, 0);
    const missing = total - du(join(modelsDir, '.incoming', 'whisper-test'));
    expect(missing).toBeLessThan(total / 5);

    const before = server.requests.length;
    const models = manager([entry], { fs: { ...nodeModelFs, freeBytes: async () => missing * 2 } });
    expect((await models.install('whisper-test')).status).toBe('installed');
    expect(server.requests.slice(before).map((r) => [r.path, r.range !== null])).toEqual([[path, true]]);
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });

  it('refuses before downloading when the disk is known to be too small', async () => {
    const entry = serveEntry(server, 'whisper-test', whisperFiles());
    const error = await failure(manager([entry], { fs: { ...nodeModelFs, freeBytes: async () => 1_000 } }).install('whisper-test'));
    expect(error.reason).toBe('disk_full');
    expect(error.message).toMatch(/needs about .* free in .*, but only 1\.0 kB is free/);
    expect(server.requests).toEqual([]);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('reports permission denied (EACCES) on the models folder', async () => {
    const entry = serveEntry(server, 'whisper-test', whisperFiles());
    const readOnly: ModelFs = { ...nodeModelFs, mkdir: async () => Promise.reject(errno('EACCES')) };
    const error = await failure(manager([entry], { fs: readOnly }).install('whisper-test'));
    expect(error).toMatchObject({ reason: 'permission_denied' });
    expect(error.message).toMatch(/may not write to .* \(EACCES\)\. Fix the folder's permissions or choose another --models-dir/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('puts the old model back when moving the new one into place is refused', async () => {
    const v1 = whisperFiles(1);
    await manager([serveEntry(server, 'whisper-test', v1)]).install('whisper-test');
    const entry2 = serveEntry(server, 'whisper-test', whisperFiles(2));
    const target = join(modelsDir, 'whisper-test');
    const refusingSwap: ModelFs = {
      ...nodeModelFs,
      rename: async (from, to) => (to === target && from.includes('staged') ? Promise.reject(errno('EACCES')) : nodeModelFs.rename(from, to)),
    };
    const error = await failure(manager([entry2], { fs: refusingSwap }).install('whisper-test'));
    expect(error.reason).toBe('permission_denied');
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
    expect(sha256(readFileSync(join(target, 'config.json')))).toBe(sha256(v1['config.json']!));
    expect(existsSync(join(target, MANIFEST_NAME))).toBe(true);
  });

  it('keeps the old model, and says where, when it can be neither replaced nor put back; the next fetch restores it', async () => {
    const v1 = whisperFiles(1);
    const entry1 = serveEntry(server, 'whisper-test', v1);
    await manager([entry1]).install('whisper-test');
    const entry2 = serveEntry(server, 'whisper-test', whisperFiles(2));
    const target = join(modelsDir, 'whisper-test');
    const previous = join(modelsDir, '.incoming', 'whisper-test', 'previous');
    // The model folder is held open (a virus scanner, a running Earshot): nothing may be renamed onto it.
    const heldOpen: ModelFs = { ...nodeModelFs, rename: async (from, to) => (to === target ? Promise.reject(errno('EPERM')) : nodeModelFs.rename(from, to)) };
    const error = await failure(manager([entry2], { fs: heldOpen }).install('whisper-test'));
    expect(error.reason).toBe('permission_denied');
    expect(error.message).toContain(`kept in ${previous}`);
    expect(sha256(readFileSync(join(previous, 'config.json')))).toBe(sha256(v1['config.json']!));
    expect(existsSync(join(previous, MANIFEST_NAME))).toBe(true);

    // Still held open at the next fetch: it cannot put the old model back either, and says so.
    const again = await failure(manager([entry2], { fs: heldOpen }).install('whisper-test'));
    expect(again.message).toContain(`kept in ${previous}`);
    expect(existsSync(join(previous, MANIFEST_NAME))).toBe(true);

    expect((await manager([entry1]).install('whisper-test')).status).toBe('already-installed');
    expect(sha256(readFileSync(join(target, 'config.json')))).toBe(sha256(v1['config.json']!));
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });
});

describe('downloads left from an earlier fetch', () => {
  /** An entry like the built-in ones (estimated sizes, no checksums), served under /<rev>/. */
  function revision(rev: string, files: Record<string, Uint8Array>): CatalogEntry {
    for (const [path, body] of Object.entries(files)) server.setFile(`/${rev}/${path}`, body);
    return catalogEntrySchema.parse({
      id: 'whisper-test',
      kind: 'stt',
      languages: ['en'],
      description: 'Test model.',
      license: 'MIT',
      files: Object.entries(files).map(([path, body]) => ({ path, url: `${server.url}/${rev}/${path}`, sizeBytes: body.length })),
    });
  }

  it('are not reused when the catalog now points at other URLs', async () => {
    const v1 = whisperFiles(1, 400_000);
    const v2 = whisperFiles(2, 400_000);
    const rev1 = revision('rev1', v1);
    const rev2 = revision('rev2', v2);
    const last = 'onnx/decoder_model_merged_int8.onnx';
    server.setFile(`/rev1/${last}`, { body: v1[last]!, faults: [{ cutAfterBytes: 0 }, { cutAfterBytes: 0 }, { cutAfterBytes: 0 }, { cutAfterBytes: 0 }] });
    expect((await failure(manager([rev1]).install('whisper-test'))).reason).toBe('interrupted');
    expect(readdirSync(join(modelsDir, '.incoming', 'whisper-test', 'downloads'))).toContain('onnx__encoder_model_int8.onnx');

    expect((await manager([rev2]).install('whisper-test')).status).toBe('installed');
    for (const [path, body] of Object.entries(v2)) expect(sha256(readFileSync(join(modelsDir, 'whisper-test', path))), path).toBe(sha256(body));
    const fetched = server.requests.filter((r) => r.path.startsWith('/rev2/')).map((r) => r.path);
    expect(fetched.sort()).toEqual(Object.keys(v2).map((p) => `/rev2/${p}`).sort());
  });

  it('are reused when they came from the same URLs', async () => {
    const files = whisperFiles(3, 400_000);
    const entry = revision('rev1', files);
    const last = 'onnx/decoder_model_merged_int8.onnx';
    server.setFile(`/rev1/${last}`, { body: files[last]!, faults: [{ cutAfterBytes: 0 }, { cutAfterBytes: 0 }, { cutAfterBytes: 0 }, { cutAfterBytes: 0 }] });
    await failure(manager([entry]).install('whisper-test'));
    server.setFile(`/rev1/${last}`, files[last]!);
    const before = server.requests.length;
    expect((await manager([entry]).install('whisper-test')).status).toBe('installed');
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([`/rev1/${last}`]);
  });
});

describe('cancelling and concurrency', () => {
  it('cancels mid-download and leaves nothing behind', async () => {
    const files = whisperFiles(5, 2_000_000);
    const entry = serveEntry(server, 'whisper-test', files);
    server.setFile('/whisper-test/onnx/encoder_model_int8.onnx', { body: files['onnx/encoder_model_int8.onnx']!, chunkDelayMs: 5 });
    const controller = new AbortController();
    const error = await failure(
      manager([entry]).install('whisper-test', {
        signal: controller.signal,
        onProgress: (e) => {
          if (e.phase === 'downloading' && e.receivedBytes > 100_000) controller.abort();
        },
      }),
    );
    expect(error).toMatchObject({ reason: 'cancelled', code: 'cancelled' });
    expect(error.message).toBe('Fetching whisper-test was cancelled; nothing was installed.');
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('refuses a second fetch of the same model while one is running', async () => {
    const files = whisperFiles(6, 1_000_000);
    const entry = serveEntry(server, 'whisper-test', files);
    server.setFile('/whisper-test/onnx/encoder_model_int8.onnx', { body: files['onnx/encoder_model_int8.onnx']!, chunkDelayMs: 2 });
    const models = manager([entry]);
    const first = models.install('whisper-test');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await failure(models.install('whisper-test'));
    expect(error).toMatchObject({ reason: 'busy', code: 'busy' });
    expect((await first).status).toBe('installed');
  });

  it('a fetch started as another one finishes is not disturbed by the first one cleaning up', async () => {
    const files = whisperFiles(1, 1_000_000);
    const entry = serveEntry(server, 'whisper-test', files);
    server.setFile('/whisper-test/onnx/encoder_model_int8.onnx', { body: files['onnx/encoder_model_int8.onnx']!, chunkDelayMs: 10 });
    const lock = join(modelsDir, '.incoming', 'whisper-test', 'lock');
    let lockReleased!: () => void;
    const released = new Promise<void>((resolve) => (lockReleased = resolve));
    let first = true;
    // A slow disk: once the first fetch has let go of its lock, removing a staged folder takes a while.
    const slowRm: ModelFs = {
      ...nodeModelFs,
      async rm(path) {
        if (path === lock && first) {
          first = false;
          await nodeModelFs.rm(path);
          lockReleased();
          return;
        }
        if (path.endsWith('staged') && !first) await new Promise((resolve) => setTimeout(resolve, 300));
        return nodeModelFs.rm(path);
      },
    };
    const models = manager([entry], { fs: slowRm });
    const a = models.install('whisper-test');
    await released;
    const b = models.install('whisper-test', { force: true }).then(
      (outcome) => outcome.status,
      (error: ModelError) => error.reason,
    );
    expect((await a).status).toBe('installed');
    expect(['installed', 'busy']).toContain(await b);
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'onnx/encoder_model_int8.onnx')))).toBe(sha256(files['onnx/encoder_model_int8.onnx']!));
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });

  it('takes over the lock of a process that died mid-fetch', async () => {
    const entry = serveEntry(server, 'whisper-test', whisperFiles());
    const models = manager([entry], { isProcessAlive: () => false });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(modelsDir, '.incoming', 'whisper-test'), { recursive: true });
    writeFileSync(join(modelsDir, '.incoming', 'whisper-test', 'lock'), JSON.stringify({ pid: 999_999 }));
    expect((await models.install('whisper-test')).status).toBe('installed');
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });
});
