// The real openWakeWord models, as the wake-word tests load them.
import { createRequire } from 'node:module';
import { packageWakeModelsDir, wakeModelPaths, type WakeModelPaths } from '../../src/main/core/engines/wake/wake-models';
import { loadWakeModels, type WakeModels } from '../../src/main/core/engines/wake/wake-onnx-models';

export const wakePackageModelsDir = packageWakeModelsDir(createRequire(__filename).resolve);

export function wakePaths(wakeWordOrPath = 'hey_jarvis'): WakeModelPaths {
  return wakeModelPaths(wakePackageModelsDir, wakeWordOrPath);
}

export function loadTestWakeModels(wakeWordOrPath = 'hey_jarvis'): Promise<WakeModels> {
  return loadWakeModels(wakePaths(wakeWordOrPath));
}
