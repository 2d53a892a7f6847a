// Progress of a model install, in one shape for catalog downloads and Ollama pulls, so the UI's
// first-run check, settings and the CLI show both the same way. The rate/ETA math is pure; the
// reporter adds throttling on an injected clock.
import type { ModelProgress, ProgressPhase } from '../../../shared/records';
import type { Clock } from '../platform/clock';

export type { ModelProgress, ProgressPhase } from '../../../shared/records';

export type ProgressListener = (progress: ModelProgress) => void;

export interface RateSample {
  atMs: number;
  bytes: number;
}

/** Samples kept for the rate: the last `windowMs`, plus one older sample as the window's start. */
export function addRateSample(samples: readonly RateSample[], sample: RateSample, windowMs = 5_000): RateSample[] {
  const last = samples[samples.length - 1];
  // Bytes went backwards (a download restarted from zero): the old samples say nothing now.
  if (last && sample.bytes < last.bytes) return [sample];
  const next = [...samples, sample];
  const cutoff = sample.atMs - windowMs;
  let first = 0;
  while (first + 1 < next.length && next[first + 1]!.atMs <= cutoff) first += 1;
  return next.slice(first);
}

/** Bytes per second over the samples, or null until at least `minSpanMs` has been seen. */
export function rateOf(samples: readonly RateSample[], minSpanMs = 250): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return null;
  const spanMs = last.atMs - first.atMs;
  if (spanMs < minSpanMs) return null;
  return ((last.bytes - first.bytes) * 1000) / spanMs;
}

/** Seconds left at the current rate, rounded up; null when it cannot be known. */
export function etaSeconds(receivedBytes: number, totalBytes: number | null, bytesPerSecond: number | null): number | null {
  if (totalBytes === null) return null;
  const left = Math.max(0, totalBytes - receivedBytes);
  if (left === 0) return 0;
  if (bytesPerSecond === null || bytesPerSecond <= 0) return null;
  return Math.ceil(left / bytesPerSecond);
}

export function fractionOf(receivedBytes: number, totalBytes: number | null): number | null {
  if (totalBytes === null || totalBytes <= 0) return null;
  return Math.min(1, Math.max(0, receivedBytes / totalBytes));
}

/** Whether an update should go out now: phase changes always do, byte counts at most every `minIntervalMs`. */
export function shouldEmit(lastEmitAtMs: number | null, nowMs: number, minIntervalMs: number, phaseChanged: boolean): boolean {
  return phaseChanged || lastEmitAtMs === null || nowMs - lastEmitAtMs >= minIntervalMs;
}

export interface ProgressUpdate {
  phase: ProgressPhase;
  detail: string;
  receivedBytes: number;
  totalBytes: number | null;
}

export interface ProgressReporter {
  update(update: ProgressUpdate): void;
  /** Sends the latest state now, whatever the throttle says (used for the last event of a phase). */
  flush(): void;
}

/** Turns a stream of byte counts into throttled ModelProgress events. */
export function createProgressReporter(options: {
  source: ModelProgress['source'];
  model: string;
  clock: Clock;
  onProgress?: ProgressListener;
  minIntervalMs?: number;
}): ProgressReporter {
  const minIntervalMs = options.minIntervalMs ?? 100;
  let samples: RateSample[] = [];
  let lastEmitAt: number | null = null;
  let lastPhase: ProgressPhase | null = null;
  let latest: ModelProgress | null = null;
  let latestSent = true;

  const emit = (progress: ModelProgress, now: number) => {
    lastEmitAt = now;
    latestSent = true;
    options.onProgress?.(progress);
  };

  return {
    update(update) {
      const now = options.clock.now();
      const phaseChanged = update.phase !== lastPhase;
      if (phaseChanged) samples = [];
      lastPhase = update.phase;
      samples = addRateSample(samples, { atMs: now, bytes: update.receivedBytes });
      const bytesPerSecond = update.phase === 'downloading' ? rateOf(samples) : null;
      latest = {
        source: options.source,
        model: options.model,
        phase: update.phase,
        detail: update.detail,
        receivedBytes: update.receivedBytes,
        totalBytes: update.totalBytes,
        fraction: fractionOf(update.receivedBytes, update.totalBytes),
        bytesPerSecond,
        etaSeconds: etaSeconds(update.receivedBytes, update.totalBytes, bytesPerSecond),
      };
      latestSent = false;
      if (shouldEmit(lastEmitAt, now, minIntervalMs, phaseChanged)) emit(latest, now);
    },
    flush() {
      if (latest && !latestSent) emit(latest, options.clock.now());
    },
  };
}
