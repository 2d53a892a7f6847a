// Whether a classifier score is a detection. Pure, so the talk state machine can own it later.

export interface WakeDecisionConfig {
  /** Score (0–1) at or above which the wake word counts as said. */
  threshold: number;
  /** After a detection, scores stay high for a few hops; this long they cannot fire again. */
  refractoryMs: number;
  /** The first hops see a half-empty history; openWakeWord ignores them too. */
  warmupHops: number;
  /**
   * How many consecutive hops must reach the threshold (openWakeWord's "patience"). The real
   * phrase holds a high score over several hops as its last syllable slides through the window;
   * a near miss tends to flash above it for a single hop.
   */
  patience: number;
}

/**
 * 0.6 rather than openWakeWord's usual 0.5: near misses such as "hey travis" reach 0.49 on some
 * voices, while the real phrase scores above 0.9 on nearly all of them.
 */
export const DEFAULT_WAKE_DECISION: WakeDecisionConfig = { threshold: 0.6, refractoryMs: 2000, warmupHops: 5, patience: 1 };

export interface WakeDecisionState {
  lastDetectionMs: number | null;
  /** Consecutive hops, up to this one, at or above the threshold. */
  run: number;
}

export const INITIAL_WAKE_DECISION: WakeDecisionState = { lastDetectionMs: null, run: 0 };

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
  // Earshot's own voice breaks a run as a low score does: a detection needs the user's hops alone.
  const over = score.hop >= config.warmupHops && !score.suppressed && score.score >= config.threshold;
  const run = over ? state.run + 1 : 0;
  const quiet = { detect: false, state: { ...state, run } };
  if (run < config.patience) return quiet;
  if (state.lastDetectionMs !== null && score.atMs - state.lastDetectionMs < config.refractoryMs) return quiet;
  return { detect: true, state: { lastDetectionMs: score.atMs, run } };
}
