// Installing models over real HTTP from a local server: progress, resume, atomic replace, voices,
// verify and remove.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/main/core/models/catalog';
import type { CatalogEntry } from '../../../src/main/core/models/catalog-schema';
import { MANIFEST_NAME } from '../../../src/main/core/models/installed-manifest';
import { nodeModelFs, type ModelFs } from '../../../src/main/core/models/model-fs';
import { createModelManager, type ModelManagerDeps } from '../../../src/main/core/models/model-manager';
import type { ModelProgress } from '../../../src/main/core/models/progress';
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

describe('installing a model', () => {
  it('downloads, verifies and installs it with progress events from 0 to the full size', async () => {
    const files = whisperFiles();
    const entry = serveEntry(server, 'whisper-test', files);
    const models = manager([entry]);
    const events: ModelProgress[] = [];

    const outcome = await models.install('whisper-test', { onProgress: (e) => events.push(e) });

    expect(outcome.status).toBe('installed');
    const dir = join(modelsDir, 'whisper-test');
    for (const [path, body] of Object.entries(files)) expect(sha256(readFileSync(join(dir, path)))).toBe(sha256(body));
    expect(existsSync(join(dir, MANIFEST_NAME))).toBe(true);
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);

    const total = Object.values(files).reduce((sum, f) => sum + f.length, 0);
    const downloading = events.filter((e) => e.phase === 'downloading');
    expect(downloading.length).toBeGreaterThan(0);
    expect(downloading.at(-1)).toMatchObject({ receivedBytes: total, totalBytes: total, fraction: 1 });
    const received = downloading.map((e) => e.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['connecting', 'downloading', 'testing', 'installing', 'done']));
    expect(events.at(-1)?.phase).toBe('done');
    expect(events.every((e) => e.source === 'catalog' && e.model === 'whisper-test')).toBe(true);

    const listing = (await models.list())[0]!;
    expect(listing).toMatchObject({ id: 'whisper-test', installed: true, state: 'installed', sizeBytes: total, path: dir });
  });

  it('does nothing when the same version is already installed, and reinstalls with force', async () => {
    const models = manager([serveEntry(server, 'whisper-test', whisperFiles())]);
    await models.install('whisper-test');
    const requests = server.requests.length;
    expect((await models.install('whisper-test')).status).toBe('already-installed');
    expect(server.requests.length).toBe(requests);
    expect((await models.install('whisper-test', { force: true })).status).toBe('installed');
    expect(server.requests.length).toBe(requests * 2);
  });

  it('resumes a dropped download with a Range request and ends with the right bytes', async () => {
    const files = whisperFiles(1, 400_000);
    const entry = serveEntry(server, 'whisper-test', files);
    const encoderPath = '/whisper-test/onnx/encoder_model_int8.onnx';
    server.setFile(encoderPath, { body: files['onnx/encoder_model_int8.onnx']!, faults: [{ cutAfterBytes: 150_000 }] });

    await manager([entry]).install('whisper-test');

    const encoderRequests = server.requests.filter((r) => r.path === encoderPath);
    expect(encoderRequests).toHaveLength(2);
    expect(encoderRequests[0]!.range).toBeNull();
    expect(encoderRequests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(encoderRequests[1]!.range!.slice(6, -1))).toBeGreaterThan(0);
    expect(encoderRequests[1]!.ifRange).toMatch(/^"/);
    expect(encoderRequests[1]!.status).toBe(206);
    const installed = readFileSync(join(modelsDir, 'whisper-test', 'onnx/encoder_model_int8.onnx'));
    expect(sha256(installed)).toBe(sha256(files['onnx/encoder_model_int8.onnx']!));
  });

  it('flushes each finished download and the manifest to disk before renaming them into place', async () => {
    const files = whisperFiles();
    const entry = serveEntry(server, 'whisper-test', files);
    const unsynced = new Set<string>();
    const renamed: { from: string; synced: boolean }[] = [];
    const recording: ModelFs = {
      ...nodeModelFs,
      async writeText(path, text) {
        unsynced.add(path);
        await nodeModelFs.writeText(path, text);
      },
      async openWrite(path, mode) {
        const sink = await nodeModelFs.openWrite(path, mode);
        return {
          async write(chunk) {
            unsynced.add(path);
            await sink.write(chunk);
          },
          close: () => sink.close(),
        };
      },
      async syncFile(path) {
        await nodeModelFs.syncFile(path);
        unsynced.delete(path);
      },
      async rename(from, to) {
        if (from.endsWith('.part') || from.endsWith(`${MANIFEST_NAME}.tmp`)) renamed.push({ from: basename(from), synced: !unsynced.has(from) });
        await nodeModelFs.rename(from, to);
      },
    };
    expect((await manager([entry], { fs: recording }).install('whisper-test')).status).toBe('installed');
    expect(renamed).toHaveLength(Object.keys(files).length + 1);
    expect(renamed.filter((r) => !r.synced)).toEqual([]);
  });

  it('starts over when the server ignores Range (200 instead of 206)', async () => {
    const files = whisperFiles(2, 400_000);
    const entry = serveEntry(server, 'whisper-test', files);
    const encoderPath = '/whisper-test/onnx/encoder_model_int8.onnx';
    server.setFile(encoderPath, { body: files['onnx/encoder_model_int8.onnx']!, faults: [{ cutAfterBytes: 150_000 }], ignoreRange: true });

    await manager([entry]).install('whisper-test');

    const encoderRequests = server.requests.filter((r) => r.path === encoderPath);
    expect(encoderRequests.map((r) => r.status)).toEqual([200, 200]);
    expect(encoderRequests[1]!.range).not.toBeNull();
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'onnx/encoder_model_int8.onnx')))).toBe(sha256(files['onnx/encoder_model_int8.onnx']!));
  });

  it('retries a server error (503) and succeeds', async () => {
    const files = whisperFiles(3);
    const entry = serveEntry(server, 'whisper-test', files);
    server.setFile('/whisper-test/config.json', { body: files['config.json']!, faults: [{ status: 503 }] });
    expect((await manager([entry]).install('whisper-test')).status).toBe('installed');
    expect(server.requests.filter((r) => r.path === '/whisper-test/config.json').map((r) => r.status)).toEqual([503, 200]);
  });

  it('installs a sherpa-onnx voice archive with its top folder stripped', async () => {
    const archive = piperArchive('vits-piper-en_US-test-low');
    const entry = serveEntry(server, 'piper-test', { 'vits-piper-en_US-test-low.tar.bz2': archive }, { kind: 'tts', extract: true });
    await manager([entry]).install('piper-test');
    const dir = join(modelsDir, 'piper-test');
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'MODEL_CARD', 'en_US-test-low.onnx', 'espeak-ng-data', 'tokens.txt'].sort());
    expect(existsSync(join(dir, 'espeak-ng-data', 'phontab'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('espeak-ng-data/phontab');
    expect(manifest.sources[0].sha256).toBe(sha256(archive));
  });

  it('passes the assembled folder to the test load given for the kind before installing', async () => {
    const seen: string[] = [];
    const entry = serveEntry(server, 'whisper-test', whisperFiles());
    const models = manager([entry], {
      loadChecks: {
        stt: async (dir, given) => {
          // Named by id, so loaders taking (parent folder, id) can read it.
          expect(basename(dir)).toBe(given.id);
          seen.push(...readdirSync(dir));
          expect(existsSync(join(modelsDir, 'whisper-test'))).toBe(false);
        },
      },
    });
    await models.install('whisper-test');
    expect(seen).toEqual(expect.arrayContaining(['config.json', 'onnx']));
  });
});

describe('replacing an installed model', () => {
  it('keeps the old model, loadable, when the new one fails verification', async () => {
    const v1 = whisperFiles(10);
    const models1 = manager([serveEntry(server, 'whisper-test', v1)]);
    await models1.install('whisper-test');
    const manifestBefore = readFileSync(join(modelsDir, 'whisper-test', MANIFEST_NAME), 'utf8');

    // v2 on the server, with a catalog whose checksum for the encoder does not match it.
    const v2 = whisperFiles(20);
    const models2 = manager([serveEntry(server, 'whisper-test', v2, { wrongSha256For: 'onnx/encoder_model_int8.onnx' })]);
    await expect(models2.install('whisper-test')).rejects.toMatchObject({ reason: 'corrupt' });

    expect(readFileSync(join(modelsDir, 'whisper-test', MANIFEST_NAME), 'utf8')).toBe(manifestBefore);
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'config.json')))).toBe(sha256(v1['config.json']!));
    expect(await models1.verify('whisper-test')).toEqual({ id: 'whisper-test', ok: true, problems: [] });
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });

  it('keeps the old model when the new one fails its test load', async () => {
    const models1 = manager([serveEntry(server, 'whisper-test', whisperFiles(10))]);
    await models1.install('whisper-test');
    const v2 = { ...whisperFiles(20), 'tokenizer.json': new TextEncoder().encode('<html>oops</html>') };
    const models2 = manager([serveEntry(server, 'whisper-test', v2)]);
    await expect(models2.install('whisper-test')).rejects.toThrow(/tokenizer\.json is not valid JSON/);
    expect((await models1.verify('whisper-test')).ok).toBe(true);
  });

  it('swaps in the new version once it is verified, leaving no trace of the old', async () => {
    await manager([serveEntry(server, 'whisper-test', whisperFiles(10))]).install('whisper-test');
    const v2 = whisperFiles(20);
    const models2 = manager([serveEntry(server, 'whisper-test', { ...v2, 'extra.json': new TextEncoder().encode('{}') })]);
    expect(await models2.state('whisper-test')).toBe('outdated');
    await models2.install('whisper-test');
    expect(await models2.state('whisper-test')).toBe('installed');
    expect(sha256(readFileSync(join(modelsDir, 'whisper-test', 'config.json')))).toBe(sha256(v2['config.json']!));
    expect(readdirSync(modelsDir)).toEqual(['whisper-test']);
  });
});

describe('verify and remove', () => {
  it('finds a file changed after install, and remove deletes the model', async () => {
    const models = manager([serveEntry(server, 'whisper-test', whisperFiles())]);
    await models.install('whisper-test');
    writeFileSync(join(modelsDir, 'whisper-test', 'onnx', 'encoder_model_int8.onnx'), fakeOnnx(300_000, 99));
    const result = await models.verify('whisper-test');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['onnx/encoder_model_int8.onnx changed since it was installed (checksum differs)']);

    expect(await models.remove('whisper-test')).toBe(true);
    expect(readdirSync(modelsDir)).toEqual([]);
    expect(await models.isInstalled('whisper-test')).toBe(false);
    expect(await models.remove('whisper-test')).toBe(false);
  });

  it('does not count a folder without a manifest as installed', async () => {
    const models = manager([serveEntry(server, 'whisper-test', whisperFiles())]);
    await models.install('whisper-test');
    rmSync(join(modelsDir, 'whisper-test', MANIFEST_NAME));
    expect(await models.state('whisper-test')).toBe('unverified');
    expect(await models.isInstalled('whisper-test')).toBe(false);
  });
});
