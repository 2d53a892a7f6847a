// The benchmark's real-size Whisper stand-in, run by the real engine: it must decode its script
// (the benchmark refuses to measure anything else), with the cached decoder steps reading the
// cross-attention cache from the past inputs as optimum's merged export does. Built with
// whisper-tiny's dimensions here to keep the test quick; base and small differ only in size.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhisperSpeechToText } from '../../../../src/main/core/engines/stt/whisper-stt';
import { testSignal } from '../../../support/reference/test-signal';
import { DEFAULT_SCRIPT, writeWhisperBaseStandIn } from '../../../support/whisper-base-stand-in';
import { TINY } from '../../../support/whisper-base-stand-in-graphs';

let root = '';
let stt: WhisperSpeechToText;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'earshot-real-size-'));
  await writeWhisperBaseStandIn(join(root, 'whisper-tiny'), DEFAULT_SCRIPT, TINY);
  stt = new WhisperSpeechToText({ modelDir: join(root, 'whisper-tiny'), modelId: 'whisper-tiny', quantized: true, numThreads: 1 });
}, 120_000);

afterAll(async () => {
  await stt?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the real-size Whisper stand-in', () => {
  it('decodes its whole script, then end-of-text, greedy and with beams', async () => {
    for (const beamSize of [1, 3]) {
      const heard = await stt.transcribe(testSignal(2), { language: 'en', beamSize, maxTokens: 100 });
      expect(heard.text).toBe(DEFAULT_SCRIPT.trim());
      expect(heard.tokenCount).toBe(14);
    }
  });

  it('stops at a token cap with the start of its script', async () => {
    const heard = await stt.transcribe(testSignal(1), { language: 'en', beamSize: 1, maxTokens: 4 });
    expect(heard.text).toBe("What's the tallest");
    expect(heard.tokenCount).toBe(4);
  });
});
