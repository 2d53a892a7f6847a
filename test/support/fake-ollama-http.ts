// What each of the fake Ollama's handlers gets for one request, and the node:http plumbing they
// share: reading the body, sending JSON or text, and waiting unless the client has gone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { KvSlot } from './fake-ollama-cpu-model';
import type { FakeOllamaScript, RecordedRequest } from './fake-ollama-script';

export interface FakeRequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  gone: AbortSignal;
  script: FakeOllamaScript;
  installed: (name: string) => boolean;
  /** Loaded model → expires_at, for /api/ps. */
  loaded: Map<string, string>;
  nextGeneration: () => number;
  /** The KV slot of a loaded model (used with a CPU model only). */
  slot: (model: string) => KvSlot;
}

/** A parsed JSON request body. */
export type FakeRequestBody = Record<string, unknown>;

/** Waits, unless the client has gone; false when it has. A zero wait does not touch the timer queue. */
export async function pause(ms: number, gone: AbortSignal): Promise<boolean> {
  if (gone.aborted) return false;
  if (ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal: gone });
    return true;
  } catch {
    return false;
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
