// The document ingest worker thread: scanning, reading, extracting, chunking, hashing, writing and
// embedding run here on the worker's own connection to knowledge.db, so adding a big folder never
// holds up a turn on the main thread. Runs are serialized by the one KnowledgeIngest; pause, resume
// and cancel arrive as messages for the run they name.
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../platform/clock';
import { silentLogger } from '../platform/logger';
import { OllamaEmbedder } from '../store/ollama-embedder';
import { IngestCancelled, IngestControl } from './ingest-control';
import type { IngestWorkerInit, IngestWorkerReply, IngestWorkerRequest } from './ingest-worker-protocol';
import { KnowledgeIndex } from './knowledge-index';
import { KnowledgeIngest } from './knowledge-ingest';
import { openKnowledgeDatabase } from './knowledge-schema';

const init = workerData as IngestWorkerInit;
const port = parentPort!;
// The main thread opened (and checked) the file before starting this worker.
const { db } = openKnowledgeDatabase(init.dataDir, { clock: systemClock, logger: silentLogger }, 'never');
let host = '';
const embedder = init.embeddings ? new OllamaEmbedder({ host: () => host, model: init.embeddingModel, clock: systemClock, logger: silentLogger, timeoutMs: 120_000 }) : null;
const ingest = new KnowledgeIngest({ index: new KnowledgeIndex(db), clock: systemClock, embedder, chunkPreset: init.chunkPreset });
const controls = new Map<number, IngestControl>();
const send = (reply: IngestWorkerReply): void => port.postMessage(reply);

port.on('message', (message: IngestWorkerRequest) => {
  if (message.type === 'control') {
    const control = controls.get(message.id);
    if (message.action === 'pause') control?.pause();
    else if (message.action === 'resume') control?.resume();
    else control?.cancel();
    return;
  }
  host = message.ollamaHost;
  const control = new IngestControl();
  controls.set(message.id, control);
  ingest
    .add(message.paths, { control, force: message.force, onProgress: (progress) => send({ type: 'progress', id: message.id, progress }) })
    .then(
      (result) => send({ type: 'added', id: message.id, result }),
      (error: unknown) => send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error), cancelled: error instanceof IngestCancelled }),
    )
    .finally(() => controls.delete(message.id));
});
