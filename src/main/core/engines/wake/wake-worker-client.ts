// The feeding side of the wake-word worker: push audio, get detections, without ever running a
// model on this thread. How the worker is started is passed in, because a packaged app, the CLI
// (TypeScript through tsx) and tests each start its entry file differently.
import type { Worker } from 'node:worker_threads';
import { EarshotError, type ErrorInfo } from '../../../../shared/errors';
import type { WakeDetection } from './wake-detector';
import type { WakeWorkerInit, WakeWorkerReply, WakeWorkerRequest } from './wake-worker-protocol';

export type SpawnWakeWorker = (init: WakeWorkerInit) => Worker;

interface Waiting {
  resolve: (detections: WakeDetection[]) => void;
  reject: (error: Error) => void;
}

function fromInfo(info: ErrorInfo): EarshotError {
  return new EarshotError(info.code, info.message);
}

export class WakeWorkerClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closed = false;
  /** Stream time covered by the audio the worker has scored. */
  elapsedMs = 0;

  private constructor(
    private readonly worker: Worker,
    readonly wakeWord: string,
  ) {
    worker.on('message', (reply: WakeWorkerReply) => this.receive(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new EarshotError('internal', 'The wake-word listener stopped unexpectedly — turn hands-free off and on again.')));
  }

  static start(spawn: SpawnWakeWorker, init: WakeWorkerInit): Promise<WakeWorkerClient> {
    const worker = spawn(init);
    return new Promise((resolve, reject) => {
      const onMessage = (reply: WakeWorkerReply): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (reply.type === 'ready') resolve(new WakeWorkerClient(worker, reply.wakeWord));
        else {
          void worker.terminate();
          reject(reply.type === 'failed' ? fromInfo(reply.error) : new EarshotError('internal', 'The wake-word listener did not start.'));
        }
      };
      const onError = (error: Error): void => {
        worker.off('message', onMessage);
        reject(new EarshotError('internal', `The wake-word listener could not start: ${error.message}`));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
    });
  }

  /** 16 kHz mono audio in [-1, 1]; the buffer is handed to the worker (do not reuse it). */
  push(samples: Float32Array): Promise<WakeDetection[]> {
    if (this.closed) return Promise.reject(new EarshotError('cancelled', 'The wake-word listener is closed.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'audio', id, samples }, [samples.buffer as ArrayBuffer]);
    });
  }

  /** Scores up to this stream time are Earshot's own voice: they never fire. */
  suppressUntil(atMs: number): void {
    if (!this.closed) this.send({ type: 'suppress-until', atMs });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new EarshotError('cancelled', 'The wake-word listener is closed.'));
    await this.worker.terminate();
  }

  private send(request: WakeWorkerRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private receive(reply: WakeWorkerReply): void {
    if (reply.type !== 'detections' && reply.type !== 'audio-failed') return;
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (reply.type === 'detections') {
      this.elapsedMs = reply.elapsedMs;
      waiting?.resolve(reply.detections);
    } else waiting?.reject(fromInfo(reply.error));
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
