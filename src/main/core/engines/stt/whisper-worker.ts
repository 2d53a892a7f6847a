// Entry of the Whisper worker thread. onnxruntime-node computes a session run on the calling
// thread, and the log-mel features are plain JavaScript, so the whole engine runs here: the thread
// that serves the window, streams tokens and schedules playback never waits for a transcription.
import { parentPort, workerData } from 'node:worker_threads';
import { isAbortError, toErrorInfo } from '../../../../shared/errors';
import type { Logger } from '../../platform/logger';
import type { LogLevel, WhisperWorkerInit, WhisperWorkerReply, WhisperWorkerRequest } from './whisper-worker-protocol';
import { WhisperSpeechToText } from './whisper-stt';

function serve(port: NonNullable<typeof parentPort>, init: WhisperWorkerInit): void {
  const send = (reply: WhisperWorkerReply): void => port.postMessage(reply);
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => send({ type: 'log', level, message, fields });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const engine = new WhisperSpeechToText({ ...init, logger });
  const running = new Map<number, AbortController>();
  const fail = (id: number, error: unknown): void => send({ type: 'failed', id, error: toErrorInfo(error), aborted: isAbortError(error) });

  port.on('message', (request: WhisperWorkerRequest) => {
    if (request.type === 'abort') {
      running.get(request.id)?.abort();
      return;
    }
    if (request.type === 'warm') {
      engine.warm(request.beamSize).then(
        () => send({ type: 'warmed', id: request.id, engineId: engine.id }),
        (error: unknown) => fail(request.id, error),
      );
      return;
    }
    const controller = new AbortController();
    running.set(request.id, controller);
    engine
      .transcribe(request.audio, { ...request.options, signal: controller.signal })
      .then(
        (transcription) => send({ type: 'transcribed', id: request.id, transcription }),
        (error: unknown) => fail(request.id, error),
      )
      .finally(() => running.delete(request.id));
  });
}

if (parentPort) serve(parentPort, workerData as WhisperWorkerInit);
