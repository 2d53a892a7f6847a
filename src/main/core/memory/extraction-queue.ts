// Fact extraction after turns, off the hot path: turns worth it are queued and handed to the
// extractor in batches (one LLM call for up to batchSize turns) once the user has been quiet for a
// while — never mid-conversation, where the call would hold Ollama while the next question waits and
// push the conversation's cached prompt prefix out. One extraction runs at a time; a failure is
// logged and the batch dropped. With a backlog, the queue outlives the process: what is still
// queued at quit is extracted after a quiet spell at the next launch.
import type { Logger } from '../platform/logger';
import type { HistoryTurn } from '../store/types';
import type { ExtractionBacklog } from './extraction-backlog';
import { isWorthExtracting } from './memory-rules';

/** One LLM call over a batch of turns; `signal` aborts it when the user starts talking. */
export type FactExtractor = (turns: readonly HistoryTurn[], signal?: AbortSignal) => Promise<string[]>;

export interface ExtractionQueueOptions {
  extract: FactExtractor;
  /** Receives the facts of one batch. */
  onFacts: (facts: string[], turns: readonly HistoryTurn[]) => Promise<void> | void;
  logger: Logger;
  /** Turns per extraction call. */
  batchSize?: number;
  /** Queued turns are extracted after this much quiet. */
  idleMs?: number;
  /** Where queued turns are kept until they have been extracted (earshot.db). */
  backlog?: ExtractionBacklog | null;
}

export class ExtractionQueue {
  readonly #options: ExtractionQueueOptions;
  #queued: HistoryTurn[] = [];
  /** Batches put back by interrupt(), oldest first; extracted before what was queued after them. */
  #returned: HistoryTurn[] = [];
  /** Bumped by interrupt(): batches scheduled before it go back to the queue instead of running. */
  #generation = 0;
  #current: AbortController | null = null;
  #disposed = false;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();
  #extractions = 0;

  constructor(options: ExtractionQueueOptions) {
    this.#options = options;
    const left = this.#backlog('read', (b) => b.load()) ?? [];
    this.#queued = left.filter((turn) => turn.complete && isWorthExtracting(turn));
    if (this.#queued.length > 0) this.#arm();
  }

  /** Number of LLM extraction calls made so far. */
  get extractions(): number {
    return this.#extractions;
  }

  get pending(): number {
    return this.#returned.length + this.#queued.length;
  }

  /** Queues a finished turn; returns whether it was kept (small talk and turns not about the user are not). */
  push(turn: HistoryTurn): boolean {
    if (!turn.complete || !isWorthExtracting(turn)) return false;
    this.#queued.push(turn);
    this.#backlog('write', (b) => b.add(turn.id));
    this.#arm(); // each turn restarts the quiet clock
    return true;
  }

  /** Extracts whatever is queued now; resolves when that and any earlier extraction are done. */
  flush(): Promise<void> {
    this.#disarm();
    const queued = [...this.#returned, ...this.#queued];
    this.#returned = [];
    this.#queued = [];
    const size = Math.max(1, this.#options.batchSize ?? 4);
    const generation = this.#generation;
    for (let i = 0; i < queued.length; i += size) {
      const batch = queued.slice(i, i + size);
      this.#running = this.#running.then(() => (generation === this.#generation ? this.#extract(batch) : this.#putBack(batch)));
    }
    return this.#running;
  }

  /**
   * The user started talking: an extraction under way is aborted (it would hold Ollama while the
   * question waits) and, with the batches not started yet, waits for the next quiet spell.
   */
  interrupt(): void {
    const busy = this.#current !== null || this.#timer !== null;
    this.#generation += 1;
    this.#current?.abort();
    if (busy) this.#arm();
  }

  /** Stops the quiet clock and any extraction under way; what is queued stays in the backlog for the next launch. */
  dispose(): void {
    this.#disposed = true;
    this.#generation += 1;
    this.#current?.abort();
    this.#disarm();
    this.#queued = [];
    this.#returned = [];
  }

  #putBack(batch: HistoryTurn[]): void {
    if (this.#disposed) return; // left in the backlog for the next launch
    this.#returned.push(...batch);
    this.#arm();
  }

  async #extract(batch: HistoryTurn[]): Promise<void> {
    this.#extractions += 1;
    const current = new AbortController();
    this.#current = current;
    try {
      const facts = (await this.#options.extract(batch, current.signal)).map((f) => f.trim()).filter(Boolean);
      if (current.signal.aborted) return this.#putBack(batch);
      if (facts.length > 0) await this.#options.onFacts(facts, batch);
    } catch (error) {
      if (current.signal.aborted) return this.#putBack(batch); // still in the backlog: tried again later
      this.#options.logger.warn('Memory extraction failed for a batch of turns; they will not be remembered.', {
        turns: batch.length,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      if (this.#current === current) this.#current = null;
    }
    this.#backlog('write', (b) => b.remove(batch.map((turn) => turn.id)));
  }

  /** A backlog that cannot be read or written costs only persistence across launches: logged, not thrown. */
  #backlog<T>(action: 'read' | 'write', use: (backlog: ExtractionBacklog) => T): T | undefined {
    const { backlog, logger } = this.#options;
    if (!backlog) return undefined;
    try {
      return use(backlog);
    } catch (error) {
      logger.warn(`The memory extraction backlog could not be ${action === 'read' ? 'read' : 'saved'}; turns still queued at quit may not be remembered.`, {
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  #arm(): void {
    this.#disarm();
    this.#timer = setTimeout(() => void this.flush(), this.#options.idleMs ?? 60_000);
    this.#timer.unref();
  }

  #disarm(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
