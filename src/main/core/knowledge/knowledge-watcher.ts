// Keeps the index in step with the user's folders while the app runs: at start one catch-up pass
// (unchanged files cost a stat), then chokidar's add/change/unlink events, gathered for a moment
// so a burst of saves becomes one ingest. Only one ingest runs at a time; changes that arrive
// meanwhile wait for the next pass.
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../platform/logger';
import { documentTypeOf } from './document-types';
import type { Ingester, IngestResult } from './knowledge-ingest';
import type { KnowledgeIndex } from './knowledge-index';

export interface KnowledgeWatcherDeps {
  ingest: Ingester;
  index: Pick<KnowledgeIndex, 'remove'>;
  logger: Logger;
  /** How long to gather events before indexing them. */
  settleMs?: number;
  /** Told after each pass (the UI refreshes its list). */
  onIndexed?: (result: IngestResult | null, removed: number) => void;
}

export class KnowledgeWatcher {
  readonly #deps: KnowledgeWatcherDeps;
  #watcher: FSWatcher | null = null;
  readonly #changed = new Set<string>();
  readonly #removed = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(deps: KnowledgeWatcherDeps) {
    this.#deps = deps;
  }

  /** Watches the sources and queues one catch-up pass over them. */
  start(sources: readonly string[]): void {
    if (sources.length === 0 || this.#closed) return;
    for (const s of sources) this.#changed.add(s);
    this.#schedule();
    this.#watch(sources);
  }

  /** Also watches sources added while the app runs (their first indexing is the caller's). */
  follow(sources: readonly string[]): void {
    if (sources.length === 0 || this.#closed) return;
    if (this.#watcher) this.#watcher.add([...sources]);
    else this.#watch(sources);
  }

  /** Stops watching a source the user removed. */
  unfollow(source: string): void {
    void this.#watcher?.unwatch(source);
  }

  #watch(sources: readonly string[]): void {
    this.#watcher = watch([...sources], {
      ignoreInitial: true,
      ignored: (path) => /(^|[\\/])(\.[^\\/]+|node_modules)([\\/]|$)/.test(path),
      // A file still being written is indexed once it stops growing.
      awaitWriteFinish: { stabilityThreshold: 300, pollInterval: 100 },
    });
    const changed = (path: string): void => {
      if (!documentTypeOf(path)) return;
      this.#removed.delete(path);
      this.#changed.add(path);
      this.#schedule();
    };
    this.#watcher.on('add', changed).on('change', changed);
    this.#watcher.on('unlink', (path) => {
      this.#changed.delete(path);
      this.#removed.add(path);
      this.#schedule();
    });
    this.#watcher.on('unlinkDir', (path) => {
      this.#removed.add(path);
      this.#schedule();
    });
    this.#watcher.on('error', (error) => this.#deps.logger.warn('watching your document folders failed', { error: String(error) }));
  }

  #schedule(): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#running) this.#schedule();
      else this.#running = this.#flush().finally(() => (this.#running = null));
    }, this.#deps.settleMs ?? 500);
  }

  async #flush(): Promise<void> {
    const removed = [...this.#removed];
    const changed = [...this.#changed];
    this.#removed.clear();
    this.#changed.clear();
    let count = 0;
    for (const path of removed) count += this.#deps.index.remove(path);
    let result: IngestResult | null = null;
    if (changed.length > 0) {
      try {
        result = await this.#deps.ingest.add(changed);
        for (const s of result.skipped) this.#deps.logger.info('document skipped', { path: s.path, reason: s.reason.message });
      } catch (error) {
        this.#deps.logger.warn('indexing changed documents failed', { error: String(error) });
      }
    }
    this.#deps.onIndexed?.(result, count);
  }

  /** Resolves when no pass is running or waiting (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.#timer || this.#running) await (this.#running ?? new Promise((r) => setTimeout(r, 20)));
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#watcher?.close();
    await this.#running;
  }
}
