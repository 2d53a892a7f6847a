// `npm run wake` as a user runs it: a WAV file in, detections (or a one-line error) out.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../src/main/core/audio/wav-codec';
import { placeInBackground, speakAs } from '../support/wake-speech';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
let jarvisEndMs: number;

async function wake(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/main/cli.ts', 'wake', ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function writeWav(name: string, audio: Float32Array): string {
  const path = join(dir, name);
  writeFileSync(path, encodeWav16(audio, 16_000));
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-wake-cli-'));
  const jarvis = placeInBackground(await speakAs('hey jarvis', { voice: 'en-us', speed: 160 }), 2, 1.5, 0.01, 1);
  jarvisEndMs = jarvis.endMs;
  writeWav('jarvis.wav', jarvis.audio);
  writeWav('sentence.wav', placeInBackground(await speakAs('what is the capital of france', { voice: 'en-us', speed: 160 }), 1, 1, 0.01, 2).audio);
  writeWav('alexa.wav', placeInBackground(await speakAs('alexa', { voice: 'en-gb', speed: 150 }), 1.5, 1.5, 0.01, 3).audio);
  writeFileSync(join(dir, 'notes.wav'), 'these are notes, not audio');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run wake', () => {
  it('prints the detection as JSON, timed from the start of the file', async () => {
    const result = await wake(['--wav', join(dir, 'jarvis.wav'), '--json']);
    expect(result.code).toBe(0);
    const { detections } = JSON.parse(result.stdout) as { detections: Array<{ wakeWord: string; atMs: number; score: number }> };
    expect(detections).toHaveLength(1);
    expect(detections[0]?.wakeWord).toBe('hey_jarvis');
    expect(Math.abs((detections[0]?.atMs ?? 0) - jarvisEndMs)).toBeLessThan(600);
    expect(detections[0]?.score).toBeGreaterThan(0.6);
  });

  it('exits 0 with no detections for speech without the wake word', async () => {
    const result = await wake(['--wav', join(dir, 'sentence.wav'), '--json']);
    expect(result).toMatchObject({ code: 0, stdout: '{"detections":[]}\n' });
  });

  it('listens for another wake word when asked', async () => {
    const alexa = await wake(['--wav', join(dir, 'alexa.wav'), '--json', '--wake-word', 'alexa']);
    expect(JSON.parse(alexa.stdout).detections).toMatchObject([{ wakeWord: 'alexa' }]);
    const jarvis = await wake(['--wav', join(dir, 'alexa.wav'), '--json']);
    expect(JSON.parse(jarvis.stdout).detections).toEqual([]);
  });

  it('names the license of a pretrained model in its human-readable output', async () => {
    const result = await wake(['--wav', join(dir, 'jarvis.wav')]);
    expect(result.stdout).toMatch(/^hey_jarvis at \d+\.\d\d s \(score 0\.\d\d\)\n$/);
    expect(result.stderr).toContain('CC BY-NC-SA 4.0');
  });

  it.each([
    { args: ['--wav', 'notes.wav'], line: /^This is not a WAV file/ },
    { args: ['--wav', 'missing.wav'], line: /^No WAV file at .*missing\.wav — check the path\.$/ },
    { args: ['--wav', 'jarvis.wav', '--wake-word', 'hey_computer'], line: /^"hey_computer" is not a wake word Earshot knows/ },
  ])('fails with one line for $args', async ({ args, line }) => {
    const result = await wake(args.map((a) => (a.endsWith('.wav') ? join(dir, a) : a)));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('rejects a threshold outside 0–1 as a usage error', async () => {
    const result = await wake(['--wav', join(dir, 'jarvis.wav'), '--threshold', '7']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--threshold takes a number between 0 and 1');
  });
});
