// Small bookkeeping writes (hit counters, last-used times) kept off the hot path: queued, then
// written together in one transaction a moment later, or at once on flush().
import type { Database } from 'better-sqlite3';

export class WriteBehind {
  readonly #db: Database;
  readonly #delayMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #pending = new Map<string, () => void>();
  #timer: NodeJS.Timeout | null = null;

  constructor(db: Database, options: { delayMs?: number; onError: (error: unknown) => void }) {
    this.#db = db;
    this.#delayMs = options.delayMs ?? 1000;
    this.#onError = options.onError;
  }

  /** Queues a write; a later one with the same key replaces it. */
  queue(key: string, write: () => void): void {
    this.#pending.set(key, write);
    if (this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.#delayMs);
      this.#timer.unref();
    }
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.size === 0 || !this.#db.open) return;
    const writes = [...this.#pending.values()];
    this.#pending.clear();
    try {
      this.#db.transaction(() => writes.forEach((write) => write()))();
    } catch (error) {
      this.#onError(error);
    }
  }
}
