// Whether a classifier score is a detection. Pure, so the talk state machine can own it later.

export interface WakeDecisionConfig {
  /** Score (0–1) at or above which the wake word counts as said. */
  threshold: number;
  /** After a detection, scores stay high for a few hops; this long they cannot fire again. */
  refractoryMs: number;
  /** The first hops see a half-empty history; openWakeWord ignores them too. */
  warmupHops: number;
}

/**
 * 0.6 rather than openWakeWord's usual 0.5: near misses such as "hey travis" reach 0.49 on some
 * voices, while the real phrase scores above 0.9 on nearly all of them.
 */
export const DEFAULT_WAKE_DECISION: WakeDecisionConfig = { threshold: 0.6, refractoryMs: 2000, warmupHops: 5 };

export interface WakeDecisionState {
  lastDetectionMs: number | null;
}

export const INITIAL_WAKE_DECISION: WakeDecisionState = { lastDetectionMs: null };

export interface WakeScore {
  hop: number;
  atMs: number;
  score: number;
  /** True while the sound is Earshot's own voice (see echo-suppression). */
  suppressed: boolean;
}

export function decideWake(
  state: WakeDecisionState,
  score: WakeScore,
  config: WakeDecisionConfig,
): { detect: boolean; state: WakeDecisionState } {
  const quiet = { detect: false, state };
  if (score.hop < config.warmupHops || score.suppressed || score.score < config.threshold) return quiet;
  if (state.lastDetectionMs !== null && score.atMs - state.lastDetectionMs < config.refractoryMs) return quiet;
  return { detect: true, state: { lastDetectionMs: score.atMs } };
}
