// Loads everything one Whisper model needs into memory: the two ONNX sessions, the tokenizer, the
// control tokens and logit masks, and a log-mel front end of the right width. Failures become
// EarshotErrors: stt_model_missing for an absent or incomplete folder, stt_model_corrupt (naming
// the file) for one that does not parse or load.
import * as ort from 'onnxruntime-node';
import type { Language } from '../../../../shared/turn';
import type { Logger } from '../../platform/logger';
import { buildLogitMasks, type LogitMasks } from './logit-filters';
import { LogMelSpectrogram } from './log-mel';
import {
  findWhisperFiles,
  modelCorruptError,
  modelMissingError,
  readDimensions,
  readJsonFile,
  type WhisperDimensions,
  type WhisperModelFiles,
} from './model-files';
import { readSpecialTokens, type WhisperSpecialTokens } from './special-tokens';
import { WhisperTokenizer } from './tokenizer';

export interface WhisperModel {
  files: WhisperModelFiles;
  encoder: ort.InferenceSession;
  decoder: ort.InferenceSession;
  tokenizer: WhisperTokenizer;
  tokens: WhisperSpecialTokens;
  /** Earshot's languages that this model has tokens for. */
  languages: ReadonlyMap<Language, number>;
  masks: LogitMasks;
  dims: WhisperDimensions;
  mel: LogMelSpectrogram;
}

export interface LoadWhisperOptions {
  modelDir: string;
  modelId: string;
  quantized: boolean;
  numThreads: number;
  logger: Logger;
}

const SUPPORTED: readonly Language[] = ['en', 'pt'];

export function sessionOptions(numThreads: number): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: numThreads,
    interOpNumThreads: 1,
    enableCpuMemArena: true,
    enableMemPattern: true,
    // Idle ORT threads otherwise spin after each run, taking CPU from the log-mel front end and
    // the rest of the app between decoder steps.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

export async function loadWhisperModel(options: LoadWhisperOptions): Promise<WhisperModel> {
  const { modelDir, modelId, logger } = options;
  const found = findWhisperFiles(modelDir, options.quantized);
  if ('missing' in found) {
    logger.warn('whisper model incomplete', { modelDir, missing: found.missing });
    throw modelMissingError(modelId, modelDir);
  }
  const files = found.found;
  const [tokenizerJson, config, generation, preprocessor] = await Promise.all(
    [files.tokenizer, files.config, files.generationConfig, files.preprocessorConfig].map((path) => readJsonFile(modelId, path)),
  );
  const parse = <T>(file: string, make: () => T): T => {
    try {
      return make();
    } catch (error) {
      throw modelCorruptError(modelId, file, error instanceof Error ? error.message : String(error), error);
    }
  };
  const tokenizer = parse(files.tokenizer, () => WhisperTokenizer.fromJson(tokenizerJson));
  const tokens = parse(files.generationConfig, () => readSpecialTokens(generation, tokenizer));
  const dims = readDimensions(config, preprocessor);
  if (typeof dims === 'string') throw modelCorruptError(modelId, files.config, dims);

  const started = performance.now();
  const encoder = await openSession(modelId, files.encoder, options.numThreads);
  const decoder = await openSession(modelId, files.decoder, options.numThreads).catch(async (error: unknown) => {
    await encoder.release();
    throw error;
  });
  const vocab = Number((config as { vocab_size?: unknown }).vocab_size) || tokenizer.size;
  const languages = new Map<Language, number>();
  for (const language of SUPPORTED) {
    const id = tokens.languages.get(language);
    if (id !== undefined) languages.set(language, id);
  }
  logger.info('whisper model loaded', {
    modelId,
    variant: files.variant,
    encoder: files.encoder,
    decoder: files.decoder,
    ms: Math.round(performance.now() - started),
  });
  return {
    files,
    encoder,
    decoder,
    tokenizer,
    tokens,
    languages,
    masks: buildLogitMasks(tokens, Math.max(vocab, tokenizer.size)),
    dims,
    mel: new LogMelSpectrogram({ nMels: dims.nMels }),
  };
}

async function openSession(modelId: string, path: string, numThreads: number): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, sessionOptions(numThreads));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error);
    throw modelCorruptError(modelId, path, detail, error);
  }
}
