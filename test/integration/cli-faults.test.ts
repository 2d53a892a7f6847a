// Ollama's faults through `npm run ask`: each Ollama fault ends with a clear one-line error and a
// non-zero exit, without waiting for a timeout it does not need; the next normal turn works and
// history is intact.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFault, type FakeOllama, startFakeOllama } from '../support/fake-ollama';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const TIMEOUT_MS = 1500;

let dataDir: string;
let ollama: FakeOllama;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/main/cli.ts', ...args, '--data-dir', dataDir], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ask = (question: string, extra: string[] = [], timeoutMs = TIMEOUT_MS) =>
  cli(['ask', '--text', question, '--no-speech', '--json', '--llm-host', ollama.url, '--llm-timeout', String(timeoutMs), ...extra]);

/** The chat requests that carried `question` (not the prefix warm-ups). */
const chatsFor = (question: string) =>
  ollama.requests.filter((r) => r.path === '/api/chat' && JSON.stringify((r.body as { messages?: unknown })?.messages ?? []).includes(question));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-faults-'));
  ollama = await startFakeOllama({ reply: 'All good here. Nothing to report.', perTokenDelayMs: 2, models: ['llama3.2:3b'] });
});

afterAll(async () => {
  await ollama.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const FAULTS: Array<{ fault: FakeFault | 'model-not-found'; code: string; line: RegExp }> = [
  { fault: 'http500', code: 'llm_http_error', line: /^Ollama .*500.*$/ },
  { fault: 'cut-mid-stream', code: 'llm_stream_broken', line: /^Ollama's reply was cut off before it finished .* — try again$/ },
  { fault: 'malformed-ndjson', code: 'llm_stream_broken', line: /cut off.*try again$/ },
  { fault: 'never-first-token', code: 'llm_timeout', line: /did not start answering within 1\.5 s.*raise the timeout in settings$/ },
  { fault: 'model-not-found', code: 'llm_model_missing', line: /^The model "mistral" is not installed in Ollama — run `ollama pull mistral`$/ },
];

describe('ask against Ollama faults', () => {
  it.each(FAULTS)('$fault → $code, one line, then the next turn works', async ({ fault, code, line }) => {
    if (fault === 'model-not-found') ollama.setScript({ fault: undefined });
    else ollama.setScript({ fault, faultAfterTokens: 2 });
    // Only the missing first token needs the timeout. Every other fault is given ten minutes, so a
    // turn that noticed its fault only when a timer ran out would outlast the test instead of passing.
    const question = `question during ${fault}`;
    const failed = await ask(question, fault === 'model-not-found' ? ['--llm-model', 'mistral'] : [], fault === 'never-first-token' ? TIMEOUT_MS : 600_000);
    expect(failed.code).not.toBe(0);
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(failed.stderr).not.toMatch(/node_modules|\.ts:\d+|^\s+at /m);
    const json = JSON.parse(failed.stdout);
    expect(json.error.code).toBe(code);
    if (fault === 'never-first-token') {
      // Ollama never said a word and never hung up: Earshot itself gave up on the request.
      const [chat] = chatsFor(question);
      expect(chat?.tokensSentAt).toEqual([]);
      expect(chat?.abortedAt).not.toBeNull();
    }

    ollama.setScript({ fault: undefined });
    const ok = await ask(`question after ${fault}`);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).reply).toBe('All good here. Nothing to report.');
  });

  it('history holds every turn, the failed ones marked incomplete with their partial replies', async () => {
    const history = JSON.parse((await cli(['history', '--json'])).stdout) as Array<{ transcript: string; reply: string; complete: boolean }>;
    for (const { fault } of FAULTS) {
      expect(history.find((t) => t.transcript === `question during ${fault}`)?.complete).toBe(false);
      expect(history.find((t) => t.transcript === `question after ${fault}`)?.complete).toBe(true);
    }
    // A reply cut after two tokens keeps those two tokens.
    expect(history.find((t) => t.transcript === 'question during cut-mid-stream')?.reply).toBe('All good');
  });
});
