// What the renderer sees of the user's document index: the added sources and the progress of an
// indexing run. The core's own types stay in src/main/core/knowledge; these are the wire shapes.

export type KnowledgeSourceState = 'indexed' | 'indexing' | 'missing' | 'empty';

/** A file or folder the user added, with what the index holds from it. */
export interface KnowledgeSource {
  path: string;
  files: number;
  chunks: number;
  state: KnowledgeSourceState;
}

export interface SkippedFile {
  path: string;
  /** A sentence the user can act on ("The PDF has no text layer; …"). */
  reason: string;
}

export type IngestPhase = 'scanning' | 'indexing' | 'embedding' | 'done';

/** How far an indexing run got; the core's ingest reports it after every file and embedding batch. */
export interface IngestCounts {
  filesDone: number;
  filesTotal: number;
  chunks: number;
  /** Chunks embedded so far / still to embed, during the embedding phase. */
  embedded: number;
  toEmbed: number;
  /** Time left from the pace so far; null until there is a pace. */
  etaMs: number | null;
}

/** One indexing run (add or reindex) as the page sees it: the ingest's counts plus what the run adds. */
export interface KnowledgeProgress extends IngestCounts {
  phase: IngestPhase | 'cancelled' | 'failed';
  paused: boolean;
  skipped: SkippedFile[];
  /** True once done when no embedding model answered: keyword search only. */
  keywordOnly: boolean;
  /** Why the run failed, for phase 'failed'. */
  message?: string;
}
