// Whisper behind the SpeechToText interface, computed on a worker thread (whisper-worker.ts runs
// the in-thread WhisperSpeechToText there). The worker starts on the first warm() or transcribe(),
// stays for later turns, and ends on dispose(). If it dies, the calls it was serving fail with
// stt_failed and the next call starts a fresh one.
import type { Worker } from 'node:worker_threads';
import { EarshotError } from '../../../../shared/errors';
import { type Logger, silentLogger } from '../../platform/logger';
import type { SpeechToText, TranscribeOptions, Transcription } from '../types';
import { abortError, throwIfAborted } from './abort';
import { spawnWhisperWorker, type SpawnWhisperWorker } from './spawn-whisper-worker';
import { whisperWorkerEntry } from './whisper-worker-entry';
import type { WhisperWorkerReply, WhisperWorkerRequest } from './whisper-worker-protocol';
import { whisperEngineId, type WhisperSpeechToTextOptions } from './whisper-stt';

export interface WorkerWhisperOptions extends WhisperSpeechToTextOptions {
  /** How the worker thread is started (default: its entry found beside this module). */
  spawn?: SpawnWhisperWorker;
}

interface Pending {
  settle: (reply: WhisperWorkerReply) => void;
  fail: (error: Error) => void;
}

export class WorkerWhisperSpeechToText implements SpeechToText {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Map<Worker, Set<Promise<unknown>>>();
  private loadedId: string | null = null;
  private readonly logger: Logger;
  private readonly spawn: SpawnWhisperWorker;

  constructor(private readonly options: WorkerWhisperOptions) {
    this.logger = options.logger ?? silentLogger;
    this.spawn = options.spawn ?? spawnWhisperWorker(whisperWorkerEntry(__filename, __dirname));
  }

  get id(): string {
    return this.loadedId ?? whisperEngineId(this.options);
  }

  async warm(beamSize?: number): Promise<void> {
    const reply = await this.request((id) => ({ type: 'warm', id, beamSize }));
    if (reply.type === 'warmed') this.loadedId = reply.engineId;
  }

  async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
    const { signal, ...rest } = options;
    throwIfAborted(signal);
    // A copy is handed over rather than the caller's buffer, which the caller may still need (and
    // which may be a view into a larger one); moving the copy avoids cloning it a second time.
    const copy = audio.slice();
    const reply = await this.request((id) => ({ type: 'transcribe', id, audio: copy, options: rest }), [copy.buffer], signal);
    if (reply.type !== 'transcribed') throw new EarshotError('stt_failed', 'Speech-to-text gave no transcription — try again.');
    return reply.transcription;
  }

  /** Lets the calls already made finish (as the in-thread engine does), then ends the worker. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.loadedId = null;
    if (!worker) return;
    await Promise.allSettled(this.inFlight.get(worker) ?? []);
    this.inFlight.delete(worker);
    worker.removeAllListeners();
    await worker.terminate();
  }

  private request(build: (id: number) => WhisperWorkerRequest, transfer: ArrayBuffer[] = [], signal?: AbortSignal): Promise<WhisperWorkerReply> {
    const worker = this.started();
    const id = this.nextId++;
    const calls = this.inFlight.get(worker) ?? new Set<Promise<unknown>>();
    this.inFlight.set(worker, calls);
    const call = new Promise<WhisperWorkerReply>((resolve, reject) => {
      const onAbort = (): void => {
        // Answered at once: the worker drops the job at its next step, and its late reply is ignored.
        worker.postMessage({ type: 'abort', id } satisfies WhisperWorkerRequest);
        finish();
        reject(abortError());
      };
      const finish = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        if (this.pending.size === 0) worker.unref();
      };
      this.pending.set(id, {
        settle: (reply) => {
          finish();
          if (reply.type !== 'failed') resolve(reply);
          else reject(reply.aborted ? abortError() : new EarshotError(reply.error.code, reply.error.message, { params: reply.error.params }));
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      // Held open only while a call waits on it: an idle worker never keeps the process alive.
      worker.ref();
      worker.postMessage(build(id), transfer);
    });
    calls.add(call);
    void call.catch(() => undefined).finally(() => calls.delete(call));
    return call;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const { logger: _logger, spawn: _spawn, ...init } = this.options;
    const worker = this.spawn(init);
    worker.unref();
    worker.on('message', (reply: WhisperWorkerReply) => this.receive(reply));
    worker.on('error', (error) => this.crashed(worker, error.message));
    worker.on('exit', (code) => this.crashed(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private receive(reply: WhisperWorkerReply): void {
    if (reply.type === 'log') {
      this.logger[reply.level](reply.message, reply.fields);
      return;
    }
    this.pending.get(reply.id)?.settle(reply);
  }

  private crashed(worker: Worker, detail: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.loadedId = null;
    this.inFlight.delete(worker);
    this.logger.error('whisper worker stopped', { detail });
    this.failAll(
      new EarshotError(
        'stt_failed',
        `Speech-to-text with model "${this.options.modelId}" stopped unexpectedly (${detail}). Try again; if it keeps happening, choose another Whisper model in Settings.`,
      ),
    );
  }

  private failAll(error: Error): void {
    for (const pending of [...this.pending.values()]) pending.fail(error);
    this.pending.clear();
  }
}
