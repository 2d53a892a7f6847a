// Pause, resume and cancel for a running ingest: the ingest awaits checkpoint() between files and
// between embedding batches, so a pause takes effect at the next file, not mid-write.

export class IngestCancelled extends Error {
  constructor() {
    super('Indexing was cancelled.');
    this.name = 'IngestCancelled';
  }
}

export class IngestControl {
  readonly #abort = new AbortController();
  #paused: { promise: Promise<void>; resolve: () => void } | null = null;

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get paused(): boolean {
    return this.#paused !== null;
  }

  pause(): void {
    if (this.#paused) return;
    let resolve = (): void => {};
    const promise = new Promise<void>((r) => (resolve = r));
    this.#paused = { promise, resolve };
  }

  resume(): void {
    this.#paused?.resolve();
    this.#paused = null;
  }

  cancel(): void {
    this.#abort.abort();
    this.resume();
  }

  /** Waits while paused; throws IngestCancelled once cancelled. */
  async checkpoint(): Promise<void> {
    if (this.#paused) await this.#paused.promise;
    if (this.#abort.signal.aborted) throw new IngestCancelled();
  }
}
