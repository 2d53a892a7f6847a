// Silero VAD v5 on onnxruntime-node (the model file ships in @ricky0123/vad-web). The model takes
// 512 new samples at 16 kHz preceded by the last 64 samples of the previous window (as Silero's own
// wrapper feeds it), a recurrent state [2, 1, 128] and the sample rate, and returns a speech
// probability and the next state. Each stream buffers arbitrary chunks into windows and hands the
// probabilities to the pure segmenter in vad-segmenter.ts.
import * as ort from 'onnxruntime-node';
import { EarshotError } from '../../../../shared/errors';
import { type Logger, silentLogger } from '../../platform/logger';
import type { SpeechSegment, VadStream, VadStreamOptions, VoiceActivityDetector } from '../types';
import {
  DEFAULT_VAD_SEGMENTER_CONFIG,
  finishVad,
  INITIAL_VAD_STATE,
  stepVad,
  type VadSegmenterConfig,
  type VadState,
} from './vad-segmenter';

const WINDOW = 512;
const CONTEXT = 64;
const STATE_SHAPE = [2, 1, 128] as const;

export interface SileroVadOptions {
  logger?: Logger;
  /** Thresholds and timings; defaults to DEFAULT_VAD_SEGMENTER_CONFIG. */
  segmenter?: Partial<Omit<VadSegmenterConfig, 'sampleRate' | 'windowSamples'>>;
}

export class SileroVad implements VoiceActivityDetector {
  private loading: Promise<ort.InferenceSession> | null = null;
  private readonly logger: Logger;
  private readonly config: VadSegmenterConfig;

  constructor(
    private readonly modelPath: string,
    options: SileroVadOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.config = { ...DEFAULT_VAD_SEGMENTER_CONFIG, ...options.segmenter, sampleRate: 16_000, windowSamples: WINDOW };
  }

  async warm(): Promise<void> {
    await this.session();
  }

  createStream(options: VadStreamOptions = {}): VadStream {
    return new SileroVadStream(() => this.session(), this.config, options);
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    if (!loading) return;
    const session = await loading.catch(() => null);
    await session?.release();
  }

  private session(): Promise<ort.InferenceSession> {
    if (!this.loading) {
      const started = performance.now();
      this.loading = ort.InferenceSession.create(this.modelPath, {
        executionProviders: ['cpu'],
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      }).then(
        (session) => {
          this.logger.info('silero vad loaded', { path: this.modelPath, ms: Math.round(performance.now() - started) });
          return session;
        },
        (error: unknown) => {
          this.loading = null;
          throw new EarshotError(
            'vad_failed',
            `The voice activity model at ${this.modelPath} could not be loaded — reinstall Earshot's dependencies (\`npm install\`) to restore it.`,
            { cause: error },
          );
        },
      );
    }
    return this.loading;
  }
}

class SileroVadStream implements VadStream {
  private vadState: VadState = INITIAL_VAD_STATE;
  private pending = new Float32Array(0);
  private readonly input = new Float32Array(CONTEXT + WINDOW);
  private modelState: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 128), [...STATE_SHAPE]);
  private readonly sampleRate = new ort.Tensor('int64', BigInt64Array.from([16_000n]), []);
  private received = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: () => Promise<ort.InferenceSession>,
    private readonly config: VadSegmenterConfig,
    private readonly options: VadStreamOptions,
  ) {}

  push(samples: Float32Array): Promise<SpeechSegment[]> {
    return this.serially(() => this.consume(samples));
  }

  finish(): Promise<SpeechSegment[]> {
    return this.serially(async () => {
      const step = finishVad(this.vadState, this.received, this.config);
      this.vadState = step.state;
      return step.ended ? [step.ended] : [];
    });
  }

  // Calls run one after another even when the caller does not wait, so windows stay in order.
  private serially(task: () => Promise<SpeechSegment[]>): Promise<SpeechSegment[]> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async consume(samples: Float32Array): Promise<SpeechSegment[]> {
    this.received += samples.length;
    const joined = new Float32Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    const ended: SpeechSegment[] = [];
    let at = 0;
    if (joined.length >= WINDOW) {
      const session = await this.session();
      for (; at + WINDOW <= joined.length; at += WINDOW) {
        const probability = await this.probability(session, joined.subarray(at, at + WINDOW));
        const step = stepVad(this.vadState, probability, this.config);
        this.vadState = step.state;
        if (step.started !== undefined) this.options.onSpeechStart?.(step.started);
        if (step.ended) ended.push(step.ended);
      }
    }
    this.pending = joined.slice(at);
    return ended;
  }

  private async probability(session: ort.InferenceSession, window: Float32Array): Promise<number> {
    const { input } = this;
    input.copyWithin(0, WINDOW, WINDOW + CONTEXT); // the previous window's last 64 samples
    input.set(window, CONTEXT);
    try {
      const out = await session.run({
        input: new ort.Tensor('float32', input.slice(), [1, CONTEXT + WINDOW]),
        state: this.modelState,
        sr: this.sampleRate,
      });
      this.modelState = out.stateN as ort.Tensor;
      return (out.output as ort.Tensor).data[0] as number;
    } catch (error) {
      throw new EarshotError('vad_failed', 'Voice activity detection failed on this audio; speech will be transcribed whole.', {
        cause: error,
      });
    }
  }
}
