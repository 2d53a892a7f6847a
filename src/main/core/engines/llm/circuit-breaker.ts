// A circuit breaker with adaptive thresholds, as pure functions over a state value.
// It opens sooner when the service has been failing and later when it has been healthy; while it
// is open, requests fail fast; after a back-off one probe goes through (half-open), and the
// back-off doubles each time a probe fails.

export interface BreakerPolicy {
  /** Consecutive failures that open the breaker when the service has been healthy… */
  healthyThreshold: number;
  /** …and when it has been failing. */
  failingThreshold: number;
  /** Health (0…1, a moving average of outcomes) at or above which the service counts as healthy. */
  healthyAbove: number;
  /** Weight of the newest outcome in the health average. */
  healthWeight: number;
  baseOpenMs: number;
  maxOpenMs: number;
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = {
  healthyThreshold: 4,
  failingThreshold: 2,
  healthyAbove: 0.8,
  healthWeight: 0.3,
  baseOpenMs: 2_000,
  maxOpenMs: 30_000,
};

export interface BreakerState {
  mode: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** Moving average of outcomes: 1 = always succeeding. */
  health: number;
  /** Health when the current run of failures began: what the threshold adapts to. */
  healthBeforeStreak: number;
  openedAt: number;
  openMs: number;
}

export const INITIAL_BREAKER: BreakerState = { mode: 'closed', consecutiveFailures: 0, health: 1, healthBeforeStreak: 1, openedAt: 0, openMs: 0 };

export function failureThreshold(state: BreakerState, policy: BreakerPolicy = DEFAULT_BREAKER_POLICY): number {
  return state.healthBeforeStreak >= policy.healthyAbove ? policy.healthyThreshold : policy.failingThreshold;
}

/** May a request go now? A request let through an open breaker whose back-off ended is the probe. */
export function admit(state: BreakerState, now: number): { allowed: boolean; next: BreakerState } {
  if (state.mode === 'closed') return { allowed: true, next: state };
  if (state.mode === 'open' && now - state.openedAt >= state.openMs) return { allowed: true, next: { ...state, mode: 'half-open' } };
  return { allowed: false, next: state };
}

export function recordSuccess(state: BreakerState, policy: BreakerPolicy = DEFAULT_BREAKER_POLICY): BreakerState {
  const health = state.health + policy.healthWeight * (1 - state.health);
  return { mode: 'closed', consecutiveFailures: 0, health, healthBeforeStreak: health, openedAt: 0, openMs: 0 };
}

export function recordFailure(state: BreakerState, now: number, policy: BreakerPolicy = DEFAULT_BREAKER_POLICY): BreakerState {
  const failed = {
    ...state,
    consecutiveFailures: state.consecutiveFailures + 1,
    health: state.health * (1 - policy.healthWeight),
    healthBeforeStreak: state.consecutiveFailures === 0 ? state.health : state.healthBeforeStreak,
  };
  if (state.mode === 'half-open') {
    return { ...failed, mode: 'open', openedAt: now, openMs: Math.min(policy.maxOpenMs, Math.max(policy.baseOpenMs, state.openMs * 2)) };
  }
  if (failed.consecutiveFailures >= failureThreshold(failed, policy)) {
    return { ...failed, mode: 'open', openedAt: now, openMs: policy.baseOpenMs };
  }
  return failed;
}
