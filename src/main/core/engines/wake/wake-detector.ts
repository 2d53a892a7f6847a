// The streaming wake-word detector: any-length 16 kHz chunks in, detections out. Audio is cut into
// 80 ms hops; each hop yields one embedding, the classifier scores the latest window of them, and
// decideWake turns scores into detections. Pushes are serialised so chunks arriving while a hop is
// still being scored keep their order.
import { decideWake, DEFAULT_WAKE_DECISION, INITIAL_WAKE_DECISION, type WakeDecisionConfig, type WakeDecisionState } from './wake-decision';
import { WakeFeatureStream } from './wake-feature-stream';
import type { WakeModels } from './wake-onnx-models';
import { EMBEDDING_SIZE, HOP_SAMPLES, hopEndMs, INT16_SCALE } from './wake-timing';

export interface WakeDetection {
  wakeWord: string;
  /** End of the hop whose score fired, in ms from the stream's start. */
  atMs: number;
  score: number;
}

export interface WakeHopScore {
  hop: number;
  atMs: number;
  score: number;
}

export interface WakeDetectorOptions extends Partial<WakeDecisionConfig> {
  /** Called with every hop's score (benchmarks, calibration). */
  onScore?: (score: WakeHopScore) => void;
  /** Whether the audio at this time is Earshot's own playback; such scores never fire. */
  isSuppressed?: (atMs: number) => boolean;
}

export class WakeDetector {
  private readonly features: WakeFeatureStream;
  private readonly config: WakeDecisionConfig;
  private readonly pending = new Float32Array(HOP_SAMPLES);
  private pendingLength = 0;
  private hop = 0;
  private decision: WakeDecisionState = INITIAL_WAKE_DECISION;
  /** Recent embeddings, oldest first, each EMBEDDING_SIZE long. */
  private history: Float32Array;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly models: WakeModels,
    private readonly options: WakeDetectorOptions,
    resting: Float32Array,
  ) {
    this.features = new WakeFeatureStream(models.melspectrogram, models.embedding);
    this.config = {
      threshold: options.threshold ?? DEFAULT_WAKE_DECISION.threshold,
      refractoryMs: options.refractoryMs ?? DEFAULT_WAKE_DECISION.refractoryMs,
      warmupHops: options.warmupHops ?? DEFAULT_WAKE_DECISION.warmupHops,
      patience: options.patience ?? DEFAULT_WAKE_DECISION.patience,
    };
    this.history = new Float32Array(models.classifier.windowEmbeddings * EMBEDDING_SIZE);
    for (let i = 0; i < models.classifier.windowEmbeddings; i++) this.history.set(resting, i * EMBEDDING_SIZE);
  }

  static async create(models: WakeModels, options: WakeDetectorOptions = {}): Promise<WakeDetector> {
    const resting = await new WakeFeatureStream(models.melspectrogram, models.embedding).restingEmbedding();
    return new WakeDetector(models, options, resting);
  }

  get wakeWord(): string {
    return this.models.classifier.wakeWord;
  }

  /** Milliseconds of audio scored so far. */
  get elapsedMs(): number {
    return hopEndMs(this.hop - 1);
  }

  /** 16 kHz mono audio in [-1, 1], any length. Resolves with the detections its hops produced. */
  push(samples: Float32Array): Promise<WakeDetection[]> {
    const run = this.queue.then(() => this.consume(samples));
    this.queue = run.catch(() => {});
    return run;
  }

  private async consume(samples: Float32Array): Promise<WakeDetection[]> {
    const detections: WakeDetection[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(HOP_SAMPLES - this.pendingLength, samples.length - offset);
      for (let i = 0; i < take; i++) this.pending[this.pendingLength + i] = (samples[offset + i] as number) * INT16_SCALE;
      this.pendingLength += take;
      offset += take;
      if (this.pendingLength < HOP_SAMPLES) break;
      this.pendingLength = 0;
      const detection = await this.scoreHop(this.pending.slice());
      if (detection) detections.push(detection);
    }
    return detections;
  }

  private async scoreHop(audio: Float32Array): Promise<WakeDetection | null> {
    const embedding = await this.features.push(audio);
    this.history.copyWithin(0, EMBEDDING_SIZE);
    this.history.set(embedding, this.history.length - EMBEDDING_SIZE);
    const { classifier } = this.models;
    const out = await classifier.run(this.history.slice(), [1, classifier.windowEmbeddings, EMBEDDING_SIZE]);
    const score = out[0] ?? 0;
    const hop = this.hop++;
    const atMs = hopEndMs(hop);
    this.options.onScore?.({ hop, atMs, score });
    const suppressed = this.options.isSuppressed?.(atMs) ?? false;
    const next = decideWake(this.decision, { hop, atMs, score, suppressed }, this.config);
    this.decision = next.state;
    return next.detect ? { wakeWord: classifier.wakeWord, atMs, score } : null;
  }
}
