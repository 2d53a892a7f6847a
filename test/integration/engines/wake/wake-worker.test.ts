// The detector on its worker thread: same detections as in-process, suppression of Earshot's own
// voice, and a clear error for a file that is not a classifier.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tsxWakeWorker } from '../../../../src/main/core/engines/wake/tsx-wake-worker';
import { WakeWorkerClient } from '../../../../src/main/core/engines/wake/wake-worker-client';
import { wakePackageModelsDir, wakePaths } from '../../../support/wake-models';
import { placeInBackground, speakAs } from '../../../support/wake-speech';

const spawn = tsxWakeWorker(join(__dirname, '../../../../src/main/core/engines/wake/wake-worker.ts'));
const clients: WakeWorkerClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

async function start(wakeWordOrPath = 'hey_jarvis'): Promise<WakeWorkerClient> {
  const client = await WakeWorkerClient.start(spawn, { paths: wakePaths(wakeWordOrPath) });
  clients.push(client);
  return client;
}

async function pushInChunks(client: WakeWorkerClient, audio: Float32Array): Promise<number[]> {
  const times: number[] = [];
  for (let at = 0; at < audio.length; at += 1600) {
    for (const detection of await client.push(audio.slice(at, at + 1600))) times.push(detection.atMs);
  }
  return times;
}

describe('wake-word worker', () => {
  it('hears the phrase from 100 ms chunks sent across the thread', async () => {
    const phrase = placeInBackground(await speakAs('hey jarvis', { voice: 'en-us', speed: 160 }), 1.5, 1.5, 0.01, 2);
    const client = await start();
    expect(client.wakeWord).toBe('hey_jarvis');
    const times = await pushInChunks(client, phrase.audio);
    expect(times).toHaveLength(1);
    expect(Math.abs((times[0] as number) - phrase.endMs)).toBeLessThan(600);
  });

  it('does not fire on audio it was told is Earshot’s own playback', async () => {
    const phrase = placeInBackground(await speakAs('hey jarvis', { voice: 'en-us', speed: 160 }), 1.5, 1.5, 0.01, 2);
    const client = await start();
    client.suppressUntil(phrase.audio.length / 16);
    expect(await pushInChunks(client, phrase.audio)).toEqual([]);
  });

  it('loads a user-trained classifier from a file and names detections after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-wake-'));
    try {
      const custom = join(dir, 'hey_earshot.onnx');
      // Any openWakeWord-format classifier will do; a renamed pretrained one stands in for a trained one.
      await copyFile(join(wakePackageModelsDir, 'hey_jarvis_v0.1.onnx'), custom);
      const client = await start(custom);
      expect(client.wakeWord).toBe('hey_earshot');
      const phrase = placeInBackground(await speakAs('hey jarvis', { voice: 'en-gb', speed: 150 }), 1.5, 1, 0, 1);
      expect(await pushInChunks(client, phrase.audio)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a model that is not an openWakeWord classifier, saying what it expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-wake-'));
    try {
      const notAClassifier = join(dir, 'mel.onnx');
      await copyFile(join(wakePackageModelsDir, 'melspectrogram.onnx'), notAClassifier);
      await expect(start(notAClassifier)).rejects.toMatchObject({ code: 'model_corrupt', message: expect.stringContaining('not an openWakeWord classifier') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
