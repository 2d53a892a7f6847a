// One chat request's stop switch: the caller's cancel, the first-token deadline and the mid-reply
// stall clock all end it, and any awaited step rejects the moment it ends.
import type { ChatRequest } from '../types';
import { abortError } from './ollama-errors';

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * One chat turn's stop switch: aborts on the caller's signal or when the first-token deadline passes,
 * and makes any awaited step reject at once when that happens.
 */
export class Turn {
  stopReason: 'cancelled' | 'timeout' | 'stalled' | null = null;
  readonly deadline: number;
  private readonly controller = new AbortController();
  private readonly timer = new AbortController();
  private stallTimer: AbortController | null = null;
  private readonly stopped: Promise<never>;
  private readonly onCallerAbort = () => this.stop('cancelled');

  constructor(
    private readonly request: ChatRequest,
    private readonly sleep: Sleep,
    now: () => number,
    private readonly stallTimeoutMs: number,
  ) {
    this.deadline = now() + request.firstTokenTimeoutMs;
    this.stopped = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(this.controller.signal.reason as Error), { once: true });
    });
    this.stopped.catch(() => {});
    request.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    sleep(request.firstTokenTimeoutMs, this.timer.signal).then(() => this.stop('timeout'), () => {});
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Settles with `work`, or rejects the moment the turn stops — whatever `work` is waiting on. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stopped]);
  }

  firstTokenArrived(): void {
    this.timer.abort();
  }

  /** Once tokens flow, each part restarts the stall clock. */
  partArrived(): void {
    if (!this.timer.signal.aborted) return;
    this.stallTimer?.abort();
    const stall = new AbortController();
    this.stallTimer = stall;
    this.sleep(this.stallTimeoutMs, stall.signal).then(() => this.stop('stalled'), () => {});
  }

  /** Closes the connection without a reason (the consumer stopped reading). */
  release(): void {
    this.controller.abort(abortError());
  }

  dispose(): void {
    this.timer.abort();
    this.stallTimer?.abort();
    this.request.signal?.removeEventListener('abort', this.onCallerAbort);
  }

  private stop(reason: 'cancelled' | 'timeout' | 'stalled'): void {
    if (this.controller.signal.aborted) return;
    this.stopReason = reason;
    this.controller.abort(abortError());
  }
}
