// A document search worker thread: BM25 or the vector scan (whichever part it is asked for) over
// its own read-only connection to knowledge.db, with the vector matrix held here, so a search or
// the first load of 100 k vectors never holds up the main thread. One request at a time, in order.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { checkPages } from '../store/database-file';
import { LocalRanker } from './candidate-ranker';
import { KnowledgeIndex } from './knowledge-index';
import type { SearchWorkerInit, SearchWorkerReply, SearchWorkerRequest } from './search-worker-protocol';

const init = workerData as SearchWorkerInit;
const db = new Database(init.dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const ranker = new LocalRanker(new KnowledgeIndex(db));
const port = parentPort!;

port.on('message', (message: SearchWorkerRequest) => {
  let reply: SearchWorkerReply;
  try {
    if (message.type === 'rank') reply = { type: 'ranked', id: message.id, ids: ranker.part(message.request, message.part) };
    else if (message.type === 'check') reply = { type: 'checked', id: message.id, damage: checkPages(db) };
    else {
      void ranker.preload(message.model);
      reply = { type: 'preloaded', id: message.id };
    }
  } catch (error) {
    reply = { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
