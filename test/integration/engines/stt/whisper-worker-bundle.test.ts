// The Whisper worker as the CLI runs it: built by esbuild into a file of its own and started by
// path with plain node, no TypeScript loader.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { cliBundles, ensureBundle } from '../../../../scripts/cli-bundle.mjs';
import { spawnWhisperWorker } from '../../../../src/main/core/engines/stt/spawn-whisper-worker';
import { whisperWorkerEntry } from '../../../../src/main/core/engines/stt/whisper-worker-entry';
import { WorkerWhisperSpeechToText } from '../../../../src/main/core/engines/stt/whisper-worker-stt';
import { testSignal } from '../../../support/reference/test-signal';
import { writeWhisperStandIn } from '../../../support/whisper-stand-in';

const root = await mkdtemp(join(tmpdir(), 'earshot-whisper-bundle-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the bundled Whisper worker', () => {
  it('is built beside the CLI bundle and transcribes when started from there', async () => {
    const [cli, worker] = cliBundles(process.cwd()) as { entry: string; outfile: string }[];
    expect(worker!.outfile).toBe(whisperWorkerEntry(cli!.outfile, join(process.cwd(), 'out', 'cli', 'bin')).path);

    // Where `npm run ask` builds it, so it finds the packages left out of the bundle as the CLI does.
    const { entry, outfile } = worker!;
    await ensureBundle({ entry, sources: [join(process.cwd(), 'src')], outfile });
    const modelDir = join(root, 'model');
    await writeWhisperStandIn(modelDir);
    const stt = new WorkerWhisperSpeechToText({
      modelDir,
      modelId: 'whisper-stand-in',
      quantized: true,
      numThreads: 1,
      spawn: spawnWhisperWorker({ kind: 'bundled', path: outfile }),
    });
    try {
      const result = await stt.transcribe(testSignal(3), { language: 'pt', beamSize: 2, maxTokens: 50 });
      expect(result).toMatchObject({ text: 'olá, tudo bem', language: 'pt' });
    } finally {
      await stt.dispose();
    }
  });
});
