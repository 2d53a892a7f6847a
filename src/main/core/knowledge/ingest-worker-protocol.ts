// Messages between the main thread and the document ingest worker.
import type { ChunkPresetName } from './chunk-presets';
import type { IngestProgress, IngestResult } from './knowledge-ingest';

export interface IngestWorkerInit {
  dataDir: string;
  chunkPreset: ChunkPresetName;
  embeddingModel: string;
  /** Whether vectors are asked for at all (an Ollama host is configured). */
  embeddings: boolean;
}

export type IngestWorkerRequest =
  | { type: 'add'; id: number; paths: string[]; force: boolean; ollamaHost: string }
  | { type: 'control'; id: number; action: 'pause' | 'resume' | 'cancel' };

export type IngestWorkerReply =
  | { type: 'progress'; id: number; progress: IngestProgress }
  | { type: 'added'; id: number; result: IngestResult }
  | { type: 'failed'; id: number; message: string; cancelled: boolean };
