// Aborts a download when no byte has arrived for a while. fetch() has no idle timeout of its own:
// a mirror that keeps the connection open and sends nothing would hold the download forever.
export interface IdleWatchdog {
  /** Aborts when the caller's signal does, or when `idleMs` pass without a `kick()`. */
  readonly signal: AbortSignal;
  /** True once the abort came from the silence rather than from the caller. */
  readonly timedOut: boolean;
  /** A byte arrived: the silence starts over. */
  kick(): void;
  stop(): void;
}

export function startIdleWatchdog(idleMs: number, outer?: AbortSignal): IdleWatchdog {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, idleMs);
  };
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  arm();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    kick: () => {
      if (!controller.signal.aborted) arm();
    },
    stop: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
