// Messages between the wake-word worker and the thread that feeds it audio.
import type { ErrorInfo } from '../../../../shared/errors';
import type { WakeDetection } from './wake-detector';
import type { WakeModelPaths } from './wake-models';

export interface WakeWorkerInit {
  paths: WakeModelPaths;
  threshold?: number;
  refractoryMs?: number;
}

export type WakeWorkerRequest =
  | { type: 'audio'; id: number; samples: Float32Array }
  /** Stream time (ms) until which scores are Earshot's own playback and must not fire. */
  | { type: 'suppress-until'; atMs: number }
  | { type: 'close' };

export type WakeWorkerReply =
  | { type: 'ready'; wakeWord: string }
  | { type: 'failed'; error: ErrorInfo }
  | { type: 'detections'; id: number; detections: WakeDetection[]; elapsedMs: number }
  | { type: 'audio-failed'; id: number; error: ErrorInfo };
