// Model downloads and Ollama pulls in flight, keyed by model id, so a host can cancel one by id and
// refuse a second download of the same model while the first runs.
import { EarshotError } from '../../../shared/errors';

export class ModelTransfers {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` under a fresh abort signal registered as `id`; busy when `id` is already running. */
  async run(id: string, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.running.has(id)) throw new EarshotError('busy', `${id} is already being downloaded — wait for it to finish or cancel it.`, { params: { variant: 'download', id } });
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      await work(controller.signal);
      if (controller.signal.aborted) throw new EarshotError('cancelled', `The download of ${id} was cancelled.`, { params: { variant: 'download', id } });
    } finally {
      this.running.delete(id);
    }
  }

  /** False when nothing with that id was running. */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  get size(): number {
    return this.running.size;
  }
}
