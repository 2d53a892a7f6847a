// The three ONNX models of a wake-word detector on onnxruntime-node. Each runs on one thread: the
// detector lives on its own worker, and a single core must be enough for it.
import * as ort from 'onnxruntime-node';
import { EarshotError } from '../../../../shared/errors';
import type { WakeModelPaths } from './wake-models';
import { EMBEDDING_SIZE } from './wake-timing';

/** One model with a single float input and a single float output. */
export interface WakeModelRunner {
  run(input: Float32Array, dims: readonly number[]): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface WakeClassifier extends WakeModelRunner {
  readonly wakeWord: string;
  /** How many recent embeddings the classifier looks at (16 for the pretrained ones). */
  readonly windowEmbeddings: number;
}

export interface WakeModels {
  melspectrogram: WakeModelRunner;
  embedding: WakeModelRunner;
  classifier: WakeClassifier;
}

const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
};

class OnnxRunner implements WakeModelRunner {
  constructor(protected readonly session: ort.InferenceSession) {}

  async run(input: Float32Array, dims: readonly number[]): Promise<Float32Array> {
    const inputName = this.session.inputNames[0] as string;
    const outputName = this.session.outputNames[0] as string;
    const result = await this.session.run({ [inputName]: new ort.Tensor('float32', input, dims) });
    return (result[outputName] as ort.Tensor).data as Float32Array;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

class OnnxClassifier extends OnnxRunner implements WakeClassifier {
  constructor(
    session: ort.InferenceSession,
    readonly wakeWord: string,
    readonly windowEmbeddings: number,
  ) {
    super(session);
  }
}

async function openSession(path: string, what: string): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, SESSION_OPTIONS);
  } catch (error) {
    throw new EarshotError('model_corrupt', `The ${what} at ${path} could not be loaded — it is missing or not an ONNX model.`, { cause: error });
  }
}

/** [1, N, 96] → N; anything else is not an openWakeWord classifier. */
function classifierWindow(session: ort.InferenceSession, path: string): number {
  const meta = session.inputMetadata[0];
  const shape = meta && meta.isTensor ? meta.shape : [];
  const [, window, features] = shape;
  if (shape.length !== 3 || typeof window !== 'number' || window < 1 || features !== EMBEDDING_SIZE) {
    throw new EarshotError(
      'model_corrupt',
      `${path} is not an openWakeWord classifier (it should take [1, N, ${EMBEDDING_SIZE}] embeddings, it takes [${shape.join(', ')}]).`,
    );
  }
  return window;
}

export async function loadWakeModels(paths: WakeModelPaths): Promise<WakeModels> {
  const opened: ort.InferenceSession[] = [];
  try {
    const melspectrogram = await openSession(paths.melspectrogram, 'wake-word melspectrogram model');
    opened.push(melspectrogram);
    const embedding = await openSession(paths.embedding, 'wake-word embedding model');
    opened.push(embedding);
    const classifier = await openSession(paths.classifier.path, `wake-word classifier "${paths.classifier.wakeWord}"`);
    opened.push(classifier);
    return {
      melspectrogram: new OnnxRunner(melspectrogram),
      embedding: new OnnxRunner(embedding),
      classifier: new OnnxClassifier(classifier, paths.classifier.wakeWord, classifierWindow(classifier, paths.classifier.path)),
    };
  } catch (error) {
    await Promise.all(opened.map((session) => session.release().catch(() => {})));
    throw error;
  }
}
