// Speech-to-text with Whisper on onnxruntime-node: log-mel features (log-mel.ts), the encoder, then
// the merged decoder driven by beam search (beam-search.ts) under the logit filters
// (logit-filters.ts), and the tokenizer for the text. The model loads on first use (or warm()),
// stays in memory, and one transcription runs at a time.
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { EarshotError, isAbortError } from '../../../../shared/errors';
import type { Language } from '../../../../shared/turn';
import { type Logger, silentLogger } from '../../platform/logger';
import type { SpeechToText, TranscribeOptions, Transcription } from '../types';
import { throwIfAborted } from './abort';
import { beamSearch } from './beam-search';
import { DecoderRunner } from './decoder-runner';
import { CHUNK_SAMPLES, N_FRAMES, SAMPLE_RATE } from './log-mel';
import { applyMask, logSoftmaxInPlace, pickLanguage } from './logit-filters';
import { findWhisperFiles } from './model-files';
import { promptAfterLanguage, promptTokens } from './special-tokens';
import { loadWhisperModel, type WhisperModel } from './whisper-model';

export interface WhisperSpeechToTextOptions {
  /** The model's folder, e.g. <modelsDir>/whisper-base. */
  modelDir: string;
  /** Catalog id, e.g. 'whisper-base'; named in error messages and in `id`. */
  modelId: string;
  /** Prefer the int8 files when the folder has them. */
  quantized: boolean;
  logger?: Logger;
  /** ONNX Runtime intra-op threads (default: the CPU count, at most 4). */
  numThreads?: number;
}

/** '<modelId>:<variant>' of the loaded files, else of the files a load would pick. */
export function whisperEngineId(options: Pick<WhisperSpeechToTextOptions, 'modelDir' | 'modelId' | 'quantized'>, loadedVariant?: string): string {
  const variant =
    loadedVariant ?? (() => {
      const found = findWhisperFiles(options.modelDir, options.quantized);
      return 'found' in found ? found.found.variant : options.quantized ? 'int8' : 'fp32';
    })();
  return `${options.modelId}:${variant}`;
}

/**
 * Transcriptions run after a load to warm the engine. onnxruntime's CPU arena and memory plans
 * settle over the first few runs: measured on a whisper-base-sized model, the decoder's first run
 * (the cross-attention cache) took 140–300 ms in each of the first transcriptions after a load and
 * ~30 ms once settled, and the first encoder run 530–590 ms against ~210.
 */
const WARM_PASSES = 3;

/** One second of faint noise: what the warm-up passes transcribe (the result is thrown away). */
function warmUpClip(): Float32Array {
  const clip = new Float32Array(SAMPLE_RATE);
  let seed = 1;
  for (let i = 0; i < clip.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    clip[i] = (seed / 2 ** 32 - 0.5) * 0.01;
  }
  return clip;
}

export class WhisperSpeechToText implements SpeechToText {
  private loading: Promise<WhisperModel> | null = null;
  private loaded: WhisperModel | null = null;
  private warming: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Transcriptions asked for and not yet started: a warm-up pass never goes ahead of one. */
  private waiting = 0;
  private readonly logger: Logger;
  private readonly numThreads: number;

  constructor(private readonly options: WhisperSpeechToTextOptions) {
    this.logger = options.logger ?? silentLogger;
    this.numThreads = Math.max(1, Math.floor(options.numThreads ?? Math.min(4, availableParallelism())));
  }

  /** '<modelId>:int8' or '<modelId>:fp32', from the files that are (or would be) loaded. */
  get id(): string {
    return whisperEngineId(this.options, this.loaded?.files.variant);
  }

  /**
   * Loads the model, then runs the warm-up passes with `beamSize` beams (once per load; a person's
   * audio goes first). A decoder's first runs at a batch size it has not seen are slow: on the
   * whisper-small stand-in the first two 5-beam decodes after greedy passes took 3.6 and 2.9 s
   * against 0.9 s once warm.
   */
  async warm(beamSize = 1): Promise<void> {
    const model = await this.model();
    // A beam count that is not one a transcription accepts (it came over the worker boundary) warms greedy.
    this.warming ??= this.warmUp(model, Number.isInteger(beamSize) && beamSize >= 1 && beamSize <= 5 ? beamSize : 1);
    await this.warming;
  }

  async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
    validate(audio, options);
    throwIfAborted(options.signal);
    const model = await this.model();
    this.waiting += 1;
    const run = this.queue.then(() => {
      this.waiting -= 1;
      return this.decode(model, audio, options);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    this.loaded = null;
    this.warming = null;
    if (!loading) return;
    await this.queue;
    const model = await loading.catch(() => null);
    if (model) await Promise.all([model.encoder.release(), model.decoder.release()]);
  }

  private async warmUp(model: WhisperModel, beamSize: number): Promise<void> {
    const clip = warmUpClip();
    const started = performance.now();
    let passes = 0;
    for (; passes < WARM_PASSES && this.waiting === 0 && this.loaded === model; passes++) {
      const run = this.queue.then(() => (this.waiting > 0 ? null : this.decode(model, clip, { language: 'en', beamSize, maxTokens: 8 })));
      this.queue = run.catch(() => undefined);
      try {
        if ((await run) === null) break;
      } catch (error) {
        // The model loaded; a transcription that fails says why when a person speaks.
        this.logger.warn('whisper warm-up pass failed', { error: String(error) });
        break;
      }
    }
    this.logger.debug('whisper warmed', { passes, beamSize, ms: Math.round(performance.now() - started) });
  }

  private model(): Promise<WhisperModel> {
    if (!this.loading) {
      const { modelDir, modelId, quantized } = this.options;
      this.loading = loadWhisperModel({ modelDir, modelId, quantized, numThreads: this.numThreads, logger: this.logger }).then(
        (model) => {
          this.loaded = model;
          return model;
        },
        (error: unknown) => {
          this.loading = null; // a later call retries, e.g. after the model is downloaded
          throw error;
        },
      );
    }
    return this.loading;
  }

  private async decode(model: WhisperModel, audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
    const { signal } = options;
    const marks = { start: performance.now(), mel: 0, encoder: 0 };
    try {
      throwIfAborted(signal);
      const { features } = await model.mel.compute(audio, signal);
      marks.mel = performance.now();
      throwIfAborted(signal);
      const encoded = await model.encoder.run({
        input_features: new ort.Tensor('float32', features, [1, model.dims.nMels, N_FRAMES]),
      });
      marks.encoder = performance.now();
      const hidden = encoded.last_hidden_state as ort.Tensor | undefined;
      if (!hidden) throw new Error('the encoder has no output "last_hidden_state"');
      throwIfAborted(signal);

      const runner = new DecoderRunner(model.decoder, model.dims, hidden);
      const { language, first, promptLength } = await this.startDecoder(model, runner, options.language);
      const filter = (row: Float32Array, firstStep: boolean) => {
        applyMask(row, model.masks.always);
        if (firstStep) applyMask(row, model.masks.atBegin);
        logSoftmaxInPlace(row);
        return row;
      };
      const best = await beamSearch({
        beamSize: options.beamSize,
        eot: model.tokens.eot,
        maxTokens: Math.min(options.maxTokens, model.dims.maxTargetPositions - promptLength),
        first: filter(first, true),
        next: async (tokens, sources) => {
          const rows = await runner.run(tokens.map((t) => [t]), sources);
          return rows.map((row) => filter(row, false));
        },
        signal,
      });
      const text = model.tokenizer.decode(best.tokens).trim();
      const timings = { encoderMs: round1(marks.encoder - marks.start), decoderMs: round1(performance.now() - marks.encoder) };
      this.logger.debug('whisper transcribed', {
        seconds: audio.length / SAMPLE_RATE,
        language,
        beamSize: options.beamSize,
        tokens: best.tokens.length,
        melMs: Math.round(marks.mel - marks.start),
        encoderMs: Math.round(marks.encoder - marks.mel),
        decoderMs: Math.round(performance.now() - marks.encoder),
      });
      return { text, language, tokenCount: best.tokens.length, timings };
    } catch (error) {
      if (isAbortError(error) || error instanceof EarshotError) throw error;
      throw new EarshotError('stt_failed', `Speech-to-text failed with model "${this.options.modelId}": ${errorText(error)}`, {
        cause: error,
      });
    }
  }

  /** Runs the prompt (detecting the language first when asked to) and returns its logits. */
  private async startDecoder(
    model: WhisperModel,
    runner: DecoderRunner,
    requested: TranscribeOptions['language'],
  ): Promise<{ language: Language; first: Float32Array; promptLength: number }> {
    const { tokens } = model;
    if (!tokens.multilingual) {
      if (requested === 'pt') {
        throw new EarshotError(
          'invalid_input',
          `Whisper model "${this.options.modelId}" understands English only — choose a multilingual model (such as whisper-base) for Portuguese.`,
        );
      }
      const prompt = promptTokens(tokens, 'en');
      const [first] = await runner.run([prompt], [0]);
      return { language: 'en', first: first!, promptLength: prompt.length };
    }
    if (requested !== 'auto') {
      if (!model.languages.has(requested)) throw new EarshotError('invalid_input', `Whisper model "${this.options.modelId}" has no ${requested} language token.`);
      const prompt = promptTokens(tokens, requested);
      const [first] = await runner.run([prompt], [0]);
      return { language: requested, first: first!, promptLength: prompt.length };
    }
    if (model.languages.size === 0) throw new EarshotError('stt_failed', `Whisper model "${this.options.modelId}" has no English or Portuguese token.`);
    const [afterSot] = await runner.run([promptTokens(tokens, null)], [0]);
    const language = pickLanguage(afterSot!, model.languages);
    const rest = promptAfterLanguage(tokens, language);
    const [first] = await runner.run([rest], [0]);
    return { language, first: first!, promptLength: rest.length + 1 };
  }
}

function validate(audio: Float32Array, options: TranscribeOptions): void {
  if (audio.length === 0) throw new EarshotError('audio_empty', 'No audio was recorded — check the microphone and hold the key while speaking.', { params: { variant: 'silent' } });
  if (audio.length > CHUNK_SAMPLES) {
    throw new EarshotError('audio_too_long', `Whisper takes at most 30 s of audio at a time; this clip is ${(audio.length / SAMPLE_RATE).toFixed(1)} s.`);
  }
  if (!Number.isInteger(options.beamSize) || options.beamSize < 1 || options.beamSize > 5) {
    throw new EarshotError('invalid_input', `Beam size must be a whole number from 1 to 5, got ${options.beamSize}.`);
  }
  if (!Number.isInteger(options.maxTokens) || options.maxTokens < 1) {
    throw new EarshotError('invalid_input', `The token cap must be a positive whole number, got ${options.maxTokens}.`);
  }
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error);
}
