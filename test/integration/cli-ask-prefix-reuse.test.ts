// Consecutive `ask --text` turns on one data folder, each its own process, against the fake Ollama
// in its CPU mode (one KV slot that keeps the last request's tokens): from the second turn on,
// Ollama only has to prefill the new tail of the prompt, because the prompt keeps the stable part
// (system prompt, then the history in order) first. prompt_eval_count is read from the fake's
// records of what its slot evaluated.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGES } from '../../bench/conversation-set';
import { type FakeOllama, type RecordedRequest, startFakeOllama } from '../support/fake-ollama';
import { writeStandInModels } from '../support/stand-in-models';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const TURNS = EXCHANGES.slice(0, 4);

let work: string;
let modelsDir: string;
let ollama: FakeOllama;

const lastMessage = (r: RecordedRequest) => (r.body as { messages?: { content: string }[] } | undefined)?.messages?.at(-1)?.content;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'earshot-prefix-'));
  modelsDir = join(work, 'models');
  await writeStandInModels(modelsDir);
  ollama = await startFakeOllama({
    reply: (request) => TURNS.find((t) => t.question === request.messages.at(-1)?.content)?.reply ?? '- none',
    // Only the counting matters here, not the time.
    cpu: { prefillMsPerToken: 0, decodeMsPerToken: 0 },
    models: ['llama3.2:3b'],
  });
}, 120_000);

afterAll(async () => {
  await ollama?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('ask --text, one process per turn, against a slot that keeps its prefix', () => {
  it('prefills the whole prompt once, then only each new turn', async () => {
    const dataDir = join(work, 'data');
    for (const turn of TURNS) {
      await run(TSX, ['src/main/cli.ts', 'ask', '--text', turn.question, '--no-speech', '--json', '--llm-host', ollama.url, '--models-dir', modelsDir, '--data-dir', dataDir], {
        cwd: ROOT,
        env: { ...process.env, OLLAMA_HOST: '', EARSHOT_MODELS_DIR: '' },
        timeout: 60_000,
      });
    }
    const answers = TURNS.map((turn) => ollama.requests.find((r) => r.path === '/api/chat' && lastMessage(r) === turn.question));
    const counts = answers.map((r) => r?.cpu ?? null);
    expect(counts.every((c) => c !== null)).toBe(true);
    const [first, ...later] = counts as { promptTokens: number; evaluated: number }[];
    expect(first!.evaluated).toBe(first!.promptTokens);
    for (const turn of later) {
      // The history grows by a question and a reply each time; only about that much is new.
      expect(turn.promptTokens).toBeGreaterThan(first!.promptTokens);
      expect(turn.evaluated).toBeLessThan(30);
    }
  }, 240_000);
});
