// The `models` CLI subcommand, run in-process against the local file server.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runModelsCommand } from '../../../src/main/cli/models-command';
import { startFileServer, type FileServer } from '../../support/file-server';
import { fakeOnnx, instantRetry, serveEntry, tempModelsDir, whisperFiles } from './model-fixtures';

let server: FileServer;
let modelsDir: string;
let catalogFile: string;
let dataDir: string;

beforeEach(async () => {
  server = await startFileServer();
  modelsDir = tempModelsDir();
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-data-'));
  const entry = serveEntry(server, 'whisper-test', whisperFiles(1, 200_000));
  catalogFile = join(modelsDir, '..', `catalog-${Date.now()}-${Math.random()}.json`);
  writeFileSync(catalogFile, JSON.stringify({ version: 1, models: [entry] }));
});

afterEach(async () => {
  await server.close();
  rmSync(modelsDir, { recursive: true, force: true });
  rmSync(catalogFile, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(args: string[], options: { signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runModelsCommand(
    args,
    {
      stdout: { write: (t: string) => (stdout += t), isTTY: false },
      stderr: { write: (t: string) => (stderr += t) },
      // The app's settings are read from the data folder: a fresh one unless a test says otherwise.
      env: { EARSHOT_DATA_DIR: dataDir, ...options.env },
      signal: options.signal,
    },
    instantRetry,
  );
  return { code, stdout, stderr };
}

const common = () => ['--models-dir', modelsDir, '--catalog', catalogFile];

describe('models list', () => {
  it('prints the built-in English and Portuguese Whisper and Piper models as JSON with sizes and installed state', async () => {
    const { code, stdout } = await run(['list', '--json', '--models-dir', modelsDir]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<{ id: string; kind: string; languages: string[]; sizeBytes: number; installed: boolean }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('whisper-base')).toMatchObject({ kind: 'stt', languages: ['en', 'pt'], installed: false });
    expect(byId.get('piper-en_US-amy-low')).toMatchObject({ kind: 'tts', languages: ['en'], installed: false });
    expect(byId.get('piper-pt_BR-faber-medium')).toMatchObject({ kind: 'tts', languages: ['pt'], installed: false });
    expect(byId.get('silero-vad')).toMatchObject({ kind: 'vad', installed: true });
    expect(rows.every((r) => r.sizeBytes >= 0 && typeof r.installed === 'boolean')).toBe(true);
  });

  it('prints a table for people, with the models folder', async () => {
    const { code, stdout } = await run(['list', '--models-dir', modelsDir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID\s+KIND\s+LANG\s+SIZE\s+INSTALLED/);
    expect(stdout).toMatch(/whisper-base\s+stt\s+en,pt\s+~78\.8 MB\s+no\s+default/);
    expect(stdout).toContain(`Models folder: ${modelsDir}`);
  });
});

describe('models fetch, verify, remove', () => {
  it('fetches with plain progress lines, then verify says ok, list says installed, remove removes', async () => {
    const fetched = await run(['fetch', 'whisper-test', ...common()]);
    expect(fetched.stderr).toBe('');
    expect(fetched.code).toBe(0);
    const lines = fetched.stdout.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^whisper-test: downloading .* \(100%\)/), 'whisper-test: test-loading']));
    expect(lines.at(-1)).toBe(`whisper-test installed in ${join(modelsDir, 'whisper-test')} (${(lines.at(-1)!.match(/\(([^)]+)\)\.$/) ?? [])[1]}).`);

    const listed = JSON.parse((await run(['list', '--json', ...common()])).stdout) as Array<{ id: string; installed: boolean }>;
    expect(listed.find((r) => r.id === 'whisper-test')?.installed).toBe(true);

    expect(await run(['verify', ...common()])).toMatchObject({ code: 0, stdout: 'whisper-test: ok\n' });
    expect((await run(['fetch', 'whisper-test', ...common()])).stdout).toContain('already installed (use --force');

    writeFileSync(join(modelsDir, 'whisper-test', 'onnx', 'encoder_model_int8.onnx'), fakeOnnx(200_000, 42));
    const verified = await run(['verify', 'whisper-test', ...common()]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toBe('whisper-test is damaged — run `models fetch whisper-test --force` to reinstall.\n');

    expect(await run(['remove', 'whisper-test', ...common()])).toMatchObject({ code: 0, stdout: 'Removed whisper-test.\n' });
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('fails a fetch from a junk mirror with one line on stderr and installs nothing', async () => {
    const junk = await startFileServer();
    try {
      for (const path of Object.keys(whisperFiles())) junk.setFile(`/whisper-test/${path}`, new TextEncoder().encode('<html>proxy login</html>'));
      const { code, stderr } = await run(['fetch', 'whisper-test', '--mirror', junk.url, ...common()]);
      expect(code).toBe(1);
      expect(stderr.split('\n')).toHaveLength(2);
      expect(stderr).toMatch(/^The download from 127\.0\.0\.1:\d+ is wrong: .* check --mirror/);
      expect(readdirSync(modelsDir)).toEqual([]);
    } finally {
      await junk.close();
    }
  });

  it('takes the mirror from EARSHOT_MODELS_MIRROR', async () => {
    const mirror = await startFileServer();
    try {
      for (const [path, body] of Object.entries(whisperFiles(1, 200_000))) mirror.setFile(`/whisper-test/${path}`, body);
      const { code } = await run(['fetch', 'whisper-test', ...common()], { env: { EARSHOT_MODELS_MIRROR: mirror.url } });
      expect(code).toBe(0);
      expect(mirror.requests.length).toBe(6);
      expect(server.requests.length).toBe(0);
    } finally {
      await mirror.close();
    }
  });

  it('uses the mirror and catalog set in the app’s settings, and a flag still wins over them', async () => {
    const mirror = await startFileServer();
    try {
      for (const [path, body] of Object.entries(whisperFiles(1, 200_000))) mirror.setFile(`/whisper-test/${path}`, body);
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ models: { mirror: mirror.url, catalogFile } }));
      const fromSettings = await run(['fetch', 'whisper-test', '--models-dir', modelsDir]);
      expect(fromSettings.stderr).toBe('');
      expect(fromSettings.code).toBe(0);
      expect(mirror.requests.length).toBe(6);
      expect(server.requests.length).toBe(0);

      const flagged = await run(['fetch', 'whisper-test', '--force', '--mirror', server.url, '--models-dir', modelsDir]);
      expect(flagged.code).toBe(0);
      expect(server.requests.length).toBe(6);
      expect(mirror.requests.length).toBe(6);
    } finally {
      await mirror.close();
    }
  });

  it('puts models in the data folder given with --data-dir', async () => {
    const { code } = await run(['fetch', 'whisper-test', '--data-dir', dataDir, '--catalog', catalogFile]);
    expect(code).toBe(0);
    expect(readdirSync(join(dataDir, 'models'))).toEqual(['whisper-test']);
  });

  it('says so when the settings file is broken, uses the defaults and leaves the file for the app to repair', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{ "models": ');
    const { code, stdout, stderr } = await run(['list', '--json', '--models-dir', modelsDir]);
    expect(code).toBe(0);
    expect(stderr).toBe(`The settings file ${join(dataDir, 'settings.json')} could not be read, so the defaults are used.\n`);
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'whisper-base' })]));
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe('{ "models": ');
  });

  it('exits 130 when interrupted, leaving nothing behind', async () => {
    const controller = new AbortController();
    controller.abort();
    const { code, stderr } = await run(['fetch', 'whisper-test', ...common()], { signal: controller.signal });
    expect(code).toBe(130);
    expect(stderr).toBe('Fetching whisper-test was cancelled; nothing was installed.\n');
    expect(readdirSync(modelsDir)).toEqual([]);
  });
});

describe('models command errors', () => {
  it('suggests the right id for a typo', async () => {
    const { code, stderr } = await run(['fetch', 'whisper-bse', '--models-dir', modelsDir]);
    expect(code).toBe(1);
    expect(stderr).toBe('There is no model "whisper-bse" in the catalog. Did you mean whisper-base? Run `models list` to see them all.\n');
  });

  it('explains usage mistakes with exit code 2', async () => {
    expect(await run(['list', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Unknown option '--bogus'\. Run `models help` for usage\.\n$/) });
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Unknown models command "frobnicate"/) });
    expect((await run([])).code).toBe(2);
    expect(await run(['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: npm run --silent models') });
  });

  it('reports a bad catalog file in one line', async () => {
    writeFileSync(catalogFile, '{"version": 2}');
    const { code, stderr } = await run(['list', ...common()]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^The catalog file .* is not a valid Earshot catalog: at version, .*\n$/);
  });

  it('refuses to remove the bundled VAD', async () => {
    expect(await run(['remove', 'silero-vad', '--models-dir', modelsDir])).toMatchObject({ code: 1, stderr: 'silero-vad ships with Earshot and cannot be removed.\n' });
  });
});
