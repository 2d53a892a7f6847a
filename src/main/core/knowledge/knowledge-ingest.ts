// Adding files to the index: scan, skip what is unchanged, read and hash the rest, extract, chunk,
// write, then embed the new chunk texts in batches. A broken file is skipped with its reason and
// never stops the others; progress is reported after every file and batch.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IngestCounts, IngestPhase } from '../../../shared/knowledge';
import type { Embedder } from '../store/embedder';
import type { Clock } from '../platform/clock';
import { CHUNK_PRESETS, type ChunkPresetName } from './chunk-presets';
import { extractSections } from './document-extractor';
import { DocumentSkipped, type SkipReason } from './document-types';
import { scanPaths, type ScannedFile } from './folder-scan';
import { IngestControl } from './ingest-control';
import { estimateRemainingMs, planFile } from './ingest-plan';
import type { KnowledgeIndex } from './knowledge-index';
import { chunkSections } from './text-chunker';

export const EMBED_BATCH_SIZE = 100;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** What the ingest reports after every file and batch: the counts the page shows, and the file. */
export interface IngestProgress extends IngestCounts {
  phase: IngestPhase;
  path?: string;
}

export interface IngestResult {
  /** Files now in the index from this request (unchanged ones included). */
  files: number;
  /** Chunks written by this request (an unchanged file writes none). */
  chunks: number;
  unchanged: number;
  skipped: { path: string; reason: SkipReason }[];
  /** Chunks that got vectors; 0 with a notice when no embedding model answered. */
  embedded: number;
  keywordOnly: boolean;
}

export interface IngestDeps {
  index: KnowledgeIndex;
  clock: Clock;
  /** Null: keyword search only. */
  embedder: Embedder | null;
  chunkPreset: ChunkPresetName;
}

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function skipReasonOf(error: unknown): SkipReason {
  if (error instanceof DocumentSkipped) return error.reason;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code) return { code: 'unreadable', message: `The file could not be read (${code}); check that it exists and that you may read it.` };
  return { code: 'damaged', message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}.` };
}

/** Adding files to the index, here or on the ingest worker thread. */
export interface Ingester {
  add(paths: readonly string[], options?: AddOptions): Promise<IngestResult>;
}

export interface AddOptions {
  control?: IngestControl;
  onProgress?: (p: IngestProgress) => void;
  force?: boolean;
}

export class KnowledgeIngest implements Ingester {
  readonly #deps: IngestDeps;
  /** The run going now; the next one starts when it ends. */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(deps: IngestDeps) {
    this.#deps = deps;
  }

  /**
   * Indexes the paths, one request after the other: the watcher's catch-up and a folder the user
   * adds in Settings must not read and write the same files at once (both would find them new and
   * index them twice). A request that waited sees what the one before it indexed as unchanged.
   */
  add(paths: readonly string[], options: AddOptions = {}): Promise<IngestResult> {
    const run = this.#turn.then(() => this.#add(paths, options));
    this.#turn = run.catch(() => {});
    return run;
  }

  async #add(paths: readonly string[], options: AddOptions): Promise<IngestResult> {
    const { index, clock } = this.#deps;
    const control = options.control ?? new IngestControl();
    const report = options.onProgress ?? (() => {});
    report({ phase: 'scanning', filesDone: 0, filesTotal: 0, chunks: 0, embedded: 0, toEmbed: 0, etaMs: null });
    const scan = await scanPaths(paths, control.signal);
    const result: IngestResult = { files: 0, chunks: 0, unchanged: 0, skipped: [...scan.skipped], embedded: 0, keywordOnly: false };
    const indexed = new Map(index.files().map((f) => [f.path, f]));
    const started = clock.now();
    for (const [i, file] of scan.files.entries()) {
      await control.checkpoint();
      const outcome = await this.#indexFile(file, indexed.get(file.path), options.force ?? false);
      if (outcome.kind === 'skipped') result.skipped.push({ path: file.path, reason: outcome.reason });
      else {
        result.files += 1;
        result.chunks += outcome.chunks;
        if (outcome.kind === 'unchanged') result.unchanged += 1;
      }
      report({
        phase: 'indexing',
        filesDone: i + 1,
        filesTotal: scan.files.length,
        chunks: result.chunks,
        embedded: 0,
        toEmbed: 0,
        etaMs: estimateRemainingMs(clock.now() - started, i + 1, scan.files.length),
        path: file.path,
      });
    }
    const embedding = await this.embedMissing(control, (embedded, toEmbed, etaMs) =>
      report({ phase: 'embedding', filesDone: scan.files.length, filesTotal: scan.files.length, chunks: result.chunks, embedded, toEmbed, etaMs }),
    );
    result.embedded = embedding.embedded;
    result.keywordOnly = embedding.keywordOnly;
    report({ phase: 'done', filesDone: scan.files.length, filesTotal: scan.files.length, chunks: result.chunks, embedded: result.embedded, toEmbed: 0, etaMs: 0 });
    return result;
  }

  async #indexFile(file: ScannedFile, indexed: ReturnType<KnowledgeIndex['file']> | undefined, force: boolean): Promise<{ kind: 'unchanged' | 'indexed'; chunks: number } | { kind: 'skipped'; reason: SkipReason }> {
    const { index, clock, chunkPreset } = this.#deps;
    if (planFile(file, indexed ?? undefined, chunkPreset, force) === 'unchanged') return { kind: 'unchanged', chunks: 0 };
    if (file.size > MAX_FILE_BYTES) {
      return { kind: 'skipped', reason: { code: 'too_large', message: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files to index it.` } };
    }
    try {
      const bytes = await readFile(file.path);
      const hash = contentHash(bytes);
      if (!force && indexed && indexed.hash === hash && indexed.chunkPreset === chunkPreset) {
        index.touchFile(file.path, file.size, file.mtimeMs);
        return { kind: 'unchanged', chunks: 0 };
      }
      const chunks = chunkSections(await extractSections(file.type, bytes), CHUNK_PRESETS[chunkPreset]).map((c) => ({ ...c, textHash: contentHash(c.text) }));
      index.writeFile({ ...file, hash, chunkPreset, indexedAt: clock.wallNow() }, chunks);
      return { kind: 'indexed', chunks: chunks.length };
    } catch (error) {
      return { kind: 'skipped', reason: skipReasonOf(error) };
    }
  }

  /** Embeds every chunk text the embedder has no vector for, a batch at a time. */
  async embedMissing(control: IngestControl = new IngestControl(), onBatch?: (embedded: number, toEmbed: number, etaMs: number | null) => void): Promise<{ embedded: number; keywordOnly: boolean }> {
    const { index, clock, embedder } = this.#deps;
    if (!embedder) return { embedded: 0, keywordOnly: true };
    const hashes = index.unembeddedHashes(embedder.id);
    const toEmbed = hashes.length;
    let embedded = 0;
    const started = clock.now();
    for (let from = 0; from < hashes.length; from += EMBED_BATCH_SIZE) {
      await control.checkpoint();
      const batch = index.textsOf(hashes.slice(from, from + EMBED_BATCH_SIZE));
      if (batch.length === 0) continue;
      const vectors = await embedder.embed(batch.map((b) => b.text), control.signal);
      if (!vectors) return { embedded, keywordOnly: true };
      index.saveEmbeddings(embedder.id, batch.map((b, i) => ({ textHash: b.textHash, vector: vectors[i]! })));
      embedded += batch.length;
      onBatch?.(embedded, toEmbed, estimateRemainingMs(clock.now() - started, embedded, toEmbed));
    }
    return { embedded, keywordOnly: false };
  }
}
