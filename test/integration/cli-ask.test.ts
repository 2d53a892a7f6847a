// `npm run ask` as people and scripts use it: a real subprocess, the real engines on stand-in
// models, the real ollama client against the fake Ollama server.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/main/core/audio/wav-codec';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama';
import { writeStandInModels } from '../support/stand-in-models';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const REPLY = 'The sky is blue because air scatters blue light. Sunsets look red for the same reason. Anything else?';

let work: string;
let modelsDir: string;
let ollama: FakeOllama;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(command: string, args: string[], dataDir = join(work, 'data')): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/main/cli.ts', command, ...args, '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, OLLAMA_HOST: '', EARSHOT_MODELS_DIR: '' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ask = (args: string[], dataDir?: string) => cli('ask', ['--models-dir', modelsDir, ...args], dataDir);
const chats = () => ollama.requests.filter((r) => r.path === '/api/chat' && Array.isArray((r.body as { messages?: unknown[] })?.messages) && ((r.body as { messages: unknown[] }).messages.length > 0));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'earshot-cli-'));
  modelsDir = join(work, 'models');
  await writeStandInModels(modelsDir);
  ollama = await startFakeOllama({ reply: REPLY, perTokenDelayMs: 5, models: ['llama3.2:3b'] });
}, 120_000);

afterAll(async () => {
  await ollama?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run ask', () => {
  it('--text --no-speech --json streams a reply from Ollama with num_ctx 2048 and a num_predict cap', async () => {
    const before = chats().length;
    const out = await ask(['--text', 'Why is the sky blue?', '--no-speech', '--json', '--llm-host', ollama.url]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ transcript: 'Why is the sky blue?', reply: REPLY, cache: { response: 'miss' }, error: null });
    expect(json.marks.llmFirstToken).toBeLessThan(json.marks.llmDone);
    expect(json.marks.ttsFirstChunk).toBeUndefined();
    const body = chats()[before]?.body as { stream: boolean; options: Record<string, number> };
    expect(body.stream).toBe(true);
    expect(body.options.num_ctx).toBe(2048);
    expect(body.options.num_predict).toBeGreaterThan(0);
    expect(body.options.num_predict).toBeLessThanOrEqual(300);
  });

  it('answers the same question again (other case and punctuation) from the cache without reaching the LLM', async () => {
    const dataDir = join(work, 'cache-data');
    await ask(['--text', 'What is the capital of France?', '--no-speech', '--json', '--llm-host', ollama.url], dataDir);
    const before = chats().length;
    const out = await ask(['--text', 'what is the CAPITAL of france', '--no-speech', '--json', '--llm-host', ollama.url], dataDir);
    const json = JSON.parse(out.stdout);
    expect(json.cache.response).toBe('hit');
    expect(json.reply).toBe(REPLY);
    expect(chats().length).toBe(before);
    const bypass = JSON.parse((await ask(['--text', 'What is the capital of France?', '--no-speech', '--no-cache', '--json', '--llm-host', ollama.url], dataDir)).stdout);
    expect(bypass.cache.response).toBe('off');
    expect(chats().length).toBe(before + 1);
  });

  it('--wav runs the real ONNX Whisper path and --out the real sherpa-onnx path', async () => {
    const wav = join(work, 'question.wav');
    await run('espeak-ng', ['-w', join(work, 'raw.wav'), 'why is the sky blue']);
    await run('sox', [join(work, 'raw.wav'), '-r', '44100', '-c', '2', wav]); // any WAV: resampled to 16 kHz mono
    const reply = join(work, 'reply.wav');
    // An LLM paced like a laptop's (40 ms a token), so speech can start while it writes.
    const paced = await startFakeOllama({ reply: REPLY, firstTokenDelayMs: 150, perTokenDelayMs: 40, models: ['llama3.2:3b'] });
    const out = await ask(['--wav', wav, '--json', '--out', reply, '--llm-host', paced.url, '--no-cache']).finally(() => paced.close());
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.transcript).toBe('hello world'); // what the stand-in Whisper decodes
    expect(json.reply).toBe(REPLY);
    for (const mark of ['keyDown', 'keyUp', 'sttDone', 'llmFirstToken', 'firstSentence', 'ttsFirstChunk', 'llmDone', 'turnDone']) {
      expect(json.marks[mark], mark).toBeTypeOf('number');
    }
    expect(json.marks.ttsFirstChunk).toBeLessThan(json.marks.llmDone); // speech began while the LLM still wrote
    const audio = decodeWav(readFileSync(reply));
    expect(audio.sampleRate).toBe(22_050);
    expect(audio.channels[0]?.length).toBeGreaterThan(22_050); // more than a second of speech
  });

  it('a stopped Ollama exits non-zero with one line saying how to start it, and no stack trace', async () => {
    const out = await ask(['--text', 'Hello', '--no-speech', '--json', '--llm-host', 'http://127.0.0.1:9']);
    expect(out.code).not.toBe(0);
    expect(out.stderr.trim().split('\n')).toEqual(['Ollama is not running at http://127.0.0.1:9 — start it with `ollama serve`']);
    expect(JSON.parse(out.stdout).error.code).toBe('llm_unreachable');
    expect(out.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a missing Whisper model says which model and how to fetch it', async () => {
    const wav = join(work, 'raw.wav');
    const out = await cli('ask', ['--wav', wav, '--no-speech', '--llm-host', ollama.url, '--models-dir', join(work, 'nothing-here')]);
    expect(out.code).toBe(1);
    expect(out.stderr.trim()).toBe(`Whisper model "whisper-base" not found in ${join(work, 'nothing-here', 'whisper-base')} — run \`npm run models -- fetch whisper-base\``);
  });

  it('--text with no voice installed answers in text and warns that it could not speak', async () => {
    // A data folder of its own: the shared one has this reply's audio in its TTS cache from the
    // tests above, which would be played without the voice.
    const out = await cli('ask', ['--text', 'What colour is the sea?', '--json', '--no-cache', '--llm-host', ollama.url, '--models-dir', join(work, 'nothing-here')], join(work, 'no-voice-data'));
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout) as { reply: string; error: unknown; warnings?: { code: string }[] };
    expect(body.reply).toBe(REPLY);
    expect(body.error).toBeNull();
    expect(body.warnings?.map((w) => w.code)).toContain('tts_model_missing');
    expect(out.stderr).toMatch(/piper/);
  });

  it('a first token later than --llm-timeout is not waited for: the turn ends with llm_timeout', async () => {
    // The reply would come after 8 s, well inside the 30 s default: a turn that ignored the flag
    // would get it and succeed. With the flag, Earshot gives up on the request before any token.
    const slow = await startFakeOllama({ reply: 'Too late.', firstTokenDelayMs: 8_000, models: ['llama3.2:3b'] });
    try {
      const out = await ask(['--text', 'Hello there', '--no-speech', '--json', '--no-cache', '--llm-host', slow.url, '--llm-timeout', '1500']);
      const json = JSON.parse(out.stdout);
      expect(json.error.code).toBe('llm_timeout');
      expect(json.reply).toBe('');
      const asked = slow.requests.filter((r) => r.path === '/api/chat' && JSON.stringify(r.body).includes('Hello there'));
      expect(asked).toHaveLength(1);
      expect(asked[0]?.tokensSentAt).toEqual([]);
      expect(asked[0]?.abortedAt).not.toBeNull();
    } finally {
      await slow.close();
    }
  });

  // The warm-up's patience is 120 s and the test's limit 90 s: exiting in time means it did not wait.
  it('a spoken question to an Ollama still loading its model exits soon after the timeout, not when the warm-up gives up', { timeout: 90_000 }, async () => {
    // Nothing answers: neither the warm-up that key-down starts (120 s of patience) nor the chat.
    const loading = await startFakeOllama({ fault: 'slow-headers', headersDelayMs: 60_000, models: ['llama3.2:3b'] });
    try {
      const out = await ask(['--wav', join(work, 'raw.wav'), '--no-speech', '--json', '--llm-host', loading.url, '--llm-timeout', '1500']);
      expect(JSON.parse(out.stdout).error.code).toBe('llm_timeout');
    } finally {
      await loading.close();
    }
  });

  it('says on stderr (and in the JSON) when only the first 120 s of a long WAV were used', async () => {
    const long = join(work, 'long.wav');
    await run('espeak-ng', ['-w', join(work, 'long-source.wav'), 'why is the sky blue']);
    await run('sox', [join(work, 'long-source.wav'), '-r', '16000', '-c', '1', long, 'repeat', '110']); // ≈ 150 s
    const out = await ask(['--wav', long, '--no-speech', '--json', '--llm-host', ollama.url, '--no-cache']);
    expect(out.code).toBe(0);
    expect(out.stderr.trim().split('\n')).toEqual(['Only the first 120 s of speech were used — keep each question shorter than that.']);
    const json = JSON.parse(out.stdout);
    expect(json.error).toBeNull();
    expect(json.warnings).toEqual([{ code: 'audio_too_long', params: { seconds: 120 }, message: 'Only the first 120 s of speech were used — keep each question shorter than that.' }]);
  });

  it('usage mistakes exit 2 with the usage text', async () => {
    const out = await cli('ask', ['--text', 'a', '--wav', 'b.wav']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/exactly one of --text/);
    expect(out.stderr).toMatch(/Usage: npm run --silent ask/);
  });

  it('history lists the saved turns, including the one Ollama failed', async () => {
    const out = await cli('history', ['--json']);
    const turns = JSON.parse(out.stdout) as Array<{ transcript: string; complete: boolean }>;
    expect(turns.some((t) => t.transcript === 'Why is the sky blue?' && t.complete)).toBe(true);
    expect(turns.some((t) => t.transcript === 'Hello' && !t.complete)).toBe(true);
  });
});
