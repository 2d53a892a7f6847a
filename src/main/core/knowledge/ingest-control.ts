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
  readonly #listeners = new Set<(action: 'pause' | 'resume' | 'cancel') => void>();

  /** Told of every pause, resume and cancel (a run on a worker thread follows them there). */
  onChange(listener: (action: 'pause' | 'resume' | 'cancel') => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(action: 'pause' | 'resume' | 'cancel'): void {
    for (const listener of this.#listeners) listener(action);
  }

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
    this.#tell('pause');
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused.resolve();
    this.#paused = null;
    this.#tell('resume');
  }

  cancel(): void {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#paused?.resolve();
    this.#paused = null;
    this.#tell('cancel');
  }

  /** Waits while paused; throws IngestCancelled once cancelled. */
  async checkpoint(): Promise<void> {
    if (this.#paused) await this.#paused.promise;
    if (this.#abort.signal.aborted) throw new IngestCancelled();
  }
}
