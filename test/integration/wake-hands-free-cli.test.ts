// `npm run ask -- --wav FILE --hands-free`: a recording that starts with the wake word is answered
// like a push-to-talk turn (real wake-word and VAD models, stand-in Whisper, fake Ollama); without
// the wake word nothing is asked and the command says why in one line.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../src/main/core/audio/wav-codec';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama';
import { writeStandInModels } from '../support/stand-in-models';
import { noise, speakAs } from '../support/wake-speech';
import { concatAudio } from '../support/speech-fixtures';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const REPLY = 'Paris is the capital of France.';

let work: string;
let ollama: FakeOllama;

async function ask(wav: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['src/main/cli.ts', 'ask', '--wav', wav, '--hands-free', '--json', '--no-speech', '--no-cache'];
  args.push('--llm-host', ollama.url, '--models-dir', join(work, 'models'), '--data-dir', join(work, 'data'));
  try {
    const { stdout, stderr } = await run(TSX, args, { cwd: ROOT, env: { ...process.env, OLLAMA_HOST: '', EARSHOT_MODELS_DIR: '' }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'earshot-hands-free-'));
  await writeStandInModels(join(work, 'models'));
  ollama = await startFakeOllama({ reply: REPLY, perTokenDelayMs: 2, models: ['llama3.2:3b'] });
  const voice = { voice: 'en-us', speed: 160 };
  const wake = await speakAs('hey jarvis', voice);
  const question = await speakAs('what is the capital of france', voice);
  const pause = (s: number) => noise(s, 0.002, 5);
  writeFileSync(join(work, 'hands-free.wav'), encodeWav16(concatAudio(pause(1), wake, pause(0.5), question, pause(2)), 16_000));
  writeFileSync(join(work, 'no-wake.wav'), encodeWav16(concatAudio(pause(1), question, pause(2)), 16_000));
}, 120_000);

afterAll(async () => {
  await ollama?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run ask -- --hands-free', () => {
  it('answers the question that follows the wake word, with no key pressed', async () => {
    const out = await ask(join(work, 'hands-free.wav'));
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ transcript: 'hello world', reply: REPLY, error: null }); // stand-in Whisper decodes "hello world"
    expect(json.marks.keyDown).toBeTypeOf('number');
    expect(json.marks.keyUp).toBeGreaterThan(json.marks.keyDown);
  });

  it('asks nothing when the recording lacks the wake word, and says so in one line', async () => {
    const before = ollama.requests.filter((r) => r.path === '/api/chat').length;
    const out = await ask(join(work, 'no-wake.wav'));
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toEqual(['The wake word "hey_jarvis" was not heard — start the recording with it, then ask the question.']);
    expect(ollama.requests.filter((r) => r.path === '/api/chat').length).toBe(before);
  });
});
