// The user's document sources as the app edits them: add (typed, dropped or picked paths), remove,
// reindex, and pause/resume/cancel of the one indexing run at a time. Adding answers at once; the
// run reports its progress (files, chunks, ETA, skipped files with reasons) through onProgress.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { KnowledgeProgress, KnowledgeSource, SkippedFile } from '../../../shared/knowledge';
import { EarshotError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { DocumentSource } from '../../../shared/turn';
import type { Logger } from '../platform/logger';
import { IngestCancelled, IngestControl } from './ingest-control';
import type { KnowledgeIndex } from './knowledge-index';
import type { Ingester, IngestProgress } from './knowledge-ingest';
import type { QuotedSources } from './quoted-sources';
import { describeSources, isUnder, withAdded } from './source-list';

export interface KnowledgeLibraryDeps {
  index: KnowledgeIndex;
  ingest: Ingester;
  settings: { get(): Settings; update(patch: unknown): Settings };
  logger: Logger;
  /** Watches added sources for changes while the app runs. */
  watcher?: { follow(paths: readonly string[]): void; unfollow(path: string): void } | null;
  /** The documents replies quoted, for their chips after a reload. */
  quoted?: Pick<QuotedSources, 'forTurns' | 'quotedPath'> | null;
  /** Test seam: whether a path exists on disk. */
  exists?: (path: string) => boolean;
}

interface Run {
  paths: string[];
  control: IngestControl;
}

export class KnowledgeLibrary {
  readonly #deps: KnowledgeLibraryDeps;
  readonly #exists: (path: string) => boolean;
  readonly #listeners = new Set<(progress: KnowledgeProgress) => void>();
  /** The run going now first, then the ones waiting for it. */
  readonly #runs: Run[] = [];
  /** Runs asked for while one is going: they start, one after the other, when it ends. */
  #queue: Promise<void> = Promise.resolve();

  constructor(deps: KnowledgeLibraryDeps) {
    this.#deps = deps;
    this.#exists = deps.exists ?? existsSync;
  }

  /** Progress of every indexing run from now on; returns the unsubscribe function. */
  onProgress(listener: (progress: KnowledgeProgress) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): KnowledgeSource[] {
    const indexing = new Set(this.#runs.flatMap((r) => r.paths));
    return describeSources(this.#sources(), this.#deps.index.files(), { exists: this.#exists, indexing });
  }

  /** Records the paths as sources and indexes them in the background. */
  add(paths: readonly string[]): KnowledgeSource[] {
    const checked = paths.map((p) => this.#check(p));
    const sources = withAdded(this.#sources(), checked);
    this.#deps.settings.update({ knowledge: { sources } });
    this.#start(checked, false);
    this.#deps.watcher?.follow(checked);
    return this.list();
  }

  remove(path: string): KnowledgeSource[] {
    const target = resolve(path.trim());
    const sources = this.#sources();
    if (!sources.includes(target)) throw new EarshotError('invalid_input', `${target} is not in your document list; it may have been removed already.`);
    this.#deps.settings.update({ knowledge: { sources: sources.filter((s) => s !== target) } });
    this.#deps.watcher?.unfollow(target);
    this.#deps.index.remove(target);
    return this.list();
  }

  /** Reads every source again (after a chunk preset change, for instance). */
  reindex(): KnowledgeSource[] {
    const sources = this.#sources().filter((s) => this.#exists(s));
    if (sources.length === 0) throw new EarshotError('invalid_input', 'There are no documents to reindex; add a file or folder first.');
    this.#start(sources, true);
    return this.list();
  }

  control(action: 'pause' | 'resume' | 'cancel'): boolean {
    if (this.#runs.length === 0) return false;
    for (const run of this.#runs) {
      if (action === 'pause') run.control.pause();
      else if (action === 'resume') run.control.resume();
      else run.control.cancel();
    }
    return true;
  }

  /** The documents these turns' replies quoted (turns that quoted none are absent). */
  quoted(turnIds: readonly string[]): Record<string, DocumentSource[]> {
    return this.#deps.quoted?.forTurns(turnIds) ?? {};
  }

  /** True when a kept reply quoted this file, in this run of the app or an earlier one. */
  wasQuoted(path: string): boolean {
    return this.#deps.quoted?.quotedPath(path) ?? false;
  }

  /** True when path is a file the index holds (the only files a reply can quote). */
  holds(path: string): boolean {
    return this.#deps.index.file(path) !== null && this.#sources().some((s) => isUnder(path, s));
  }

  /** Cancels the run in progress and waits for it to stop writing. */
  async close(): Promise<void> {
    for (const run of this.#runs) run.control.cancel();
    await this.#queue;
  }

  #sources(): string[] {
    return this.#deps.settings.get().knowledge.sources;
  }

  #check(typed: string): string {
    const path = typed.trim();
    if (!isAbsolute(path)) throw new EarshotError('invalid_input', `"${path}" is not a full path; type it from the root, such as /home/you/Documents or C:\\Users\\you\\Documents.`);
    const full = resolve(path);
    if (!this.#exists(full)) throw new EarshotError('invalid_input', `Nothing was found at ${full}; check the spelling and that the drive is connected.`);
    return full;
  }

  /** Drops a finished run before its last progress, so the list no longer says "indexing". */
  #forget(control: IngestControl): void {
    const at = this.#runs.findIndex((r) => r.control === control);
    if (at >= 0) this.#runs.splice(at, 1);
  }

  #emit(progress: KnowledgeProgress): void {
    for (const listener of this.#listeners) listener(progress);
  }

  #start(paths: string[], force: boolean): void {
    const run: Run = { paths, control: new IngestControl() };
    this.#runs.push(run);
    const next = this.#queue.then(() => this.#index(run, force));
    this.#queue = next.catch(() => {});
  }

  async #index({ paths, control }: Run, force: boolean): Promise<void> {
    let last: IngestProgress | null = null;
    const skipped: SkippedFile[] = [];
    const send = (p: IngestProgress | null, extra: Partial<KnowledgeProgress>): void =>
      this.#emit({
        phase: p?.phase ?? 'scanning',
        filesDone: p?.filesDone ?? 0,
        filesTotal: p?.filesTotal ?? 0,
        chunks: p?.chunks ?? 0,
        embedded: p?.embedded ?? 0,
        toEmbed: p?.toEmbed ?? 0,
        etaMs: p?.etaMs ?? null,
        paused: control.paused,
        skipped: [...skipped],
        keywordOnly: false,
        ...extra,
      });
    try {
      const result = await this.#deps.ingest.add(paths, {
        control,
        force,
        onProgress: (p) => {
          last = p;
          if (p.phase !== 'done') send(p, {});
        },
      });
      skipped.push(...result.skipped.map((s) => ({ path: s.path, reason: s.reason.message })));
      this.#forget(control);
      // A cancel during the folder scan ends the ingest early without an error.
      if (control.signal.aborted) throw new IngestCancelled();
      send(last, { phase: 'done', etaMs: 0, keywordOnly: result.keywordOnly, chunks: result.chunks, filesDone: result.files, filesTotal: result.files + result.skipped.length });
    } catch (error) {
      this.#forget(control);
      if (error instanceof IngestCancelled) send(last, { phase: 'cancelled', etaMs: null });
      else {
        this.#deps.logger.warn('indexing documents failed', { error: String(error) });
        send(last, { phase: 'failed', etaMs: null, message: 'Indexing stopped because the document index could not be written; check the free disk space and try Reindex.' });
      }
    }
  }
}
