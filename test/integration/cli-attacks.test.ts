// Attacks through the command line, in-process: what a hostile transcript, reply, settings path
// or catalog path can make the CLI print or do.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAskCommand } from '../../src/main/cli/ask-command';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runHistoryCommand } from '../../src/main/cli/history-command';
import { runModelsCommand } from '../../src/main/cli/models-command';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE_REPLY = 'Fine.\u001b]0;owned\u0007 \u001b[2J\u001b[31mYou have been logged out.\u001b[0m\rType your password:';

let ollama: FakeOllama;
let dataDir: string;

function capture(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: { OLLAMA_HOST: '' } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const ask = (question: string, io: CliIo, extra: string[] = []) =>
  runAskCommand(['--text', question, '--no-speech', '--llm-host', ollama.url, '--data-dir', dataDir, ...extra], io);

beforeAll(async () => {
  ollama = await startFakeOllama({ reply: HOSTILE_REPLY, perTokenDelayMs: 0, models: ['llama3.2:3b'] });
});
afterAll(async () => {
  await ollama.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-attack-cli-'));
  return () => rmSync(dataDir, { recursive: true, force: true });
});

describe('control characters from replies and transcripts', () => {
  it('ask and history print them as visible escapes, never raw', async () => {
    const asked = capture();
    expect(await ask('Say hi \u001b[5mblink', asked.io)).toBe(0);
    expect(asked.stdout()).toContain('You have been logged out.');
    expect(asked.stdout()).not.toMatch(ESCAPES);
    expect(asked.stdout()).toContain('\\u001b[2J');

    const history = capture();
    expect(await runHistoryCommand(['--data-dir', dataDir], history.io)).toBe(0);
    expect(history.stdout()).toContain('blink');
    expect(history.stdout()).not.toMatch(ESCAPES);
  });
});

describe('a settings path that is not a settings file', () => {
  it('ask starts on defaults and says so once on stderr when settings.json is a folder', async () => {
    mkdirSync(join(dataDir, 'settings.json'));
    const asked = capture();
    expect(await ask('Hello there', asked.io)).toBe(0);
    const notices = asked.stderr().split('\n').filter((l) => /settings file could not be read/.test(l));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/settings\.json\.bad-\d+/);
  });
});

describe('errors never echo file contents', () => {
  it('a catalog path pointing at /etc/passwd is refused without quoting it', async () => {
    const run = capture();
    expect(await runModelsCommand(['list', '--catalog', '/etc/passwd', '--data-dir', dataDir, '--models-dir', join(dataDir, 'models')], run.io)).not.toBe(0);
    expect(run.stderr()).toMatch(/\/etc\/passwd is not valid JSON/);
    expect(run.stderr()).not.toMatch(/root|:x:|bin\/(ba)?sh/);
  });
});

describe('a turn that cannot be saved', () => {
  it('ask says so and exits non-zero instead of 0', async () => {
    mkdirSync(join(dataDir, 'earshot.db')); // the history database cannot be opened
    const asked = capture();
    expect(await ask('Remember this', asked.io)).toBe(1);
    expect(asked.stdout()).toContain('You have been logged out.');
    expect(asked.stderr()).toMatch(/This turn was not saved to the conversation history\./);
  });

  it('says so in --json too, as a warning with its code', async () => {
    mkdirSync(join(dataDir, 'earshot.db'));
    const asked = capture();
    expect(await ask('Remember this', asked.io, ['--json'])).toBe(1);
    const body = JSON.parse(asked.stdout().trim()) as { warnings?: Array<{ code: string }> };
    expect(body.warnings?.map((w) => w.code)).toContain('storage_failed');
  });
});
