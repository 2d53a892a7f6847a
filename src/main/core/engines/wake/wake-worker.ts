// Entry of the wake-word worker thread: the ONNX models run synchronously inside onnxruntime-node,
// so scoring lives here, never on the thread that serves the window and the turn.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../../shared/errors';
import { WakeDetector } from './wake-detector';
import { loadWakeModels } from './wake-onnx-models';
import type { WakeWorkerInit, WakeWorkerReply, WakeWorkerRequest } from './wake-worker-protocol';

async function serve(port: NonNullable<typeof parentPort>, init: WakeWorkerInit): Promise<void> {
  const send = (reply: WakeWorkerReply): void => port.postMessage(reply);
  let suppressUntilMs = -1;
  let detector: WakeDetector;
  try {
    const models = await loadWakeModels(init.paths);
    detector = await WakeDetector.create(models, {
      threshold: init.threshold,
      refractoryMs: init.refractoryMs,
      isSuppressed: (atMs) => atMs <= suppressUntilMs,
    });
  } catch (error) {
    send({ type: 'failed', error: toErrorInfo(error) });
    return;
  }
  port.on('message', (request: WakeWorkerRequest) => {
    if (request.type === 'close') {
      port.close();
      return;
    }
    if (request.type === 'suppress-until') {
      suppressUntilMs = Math.max(suppressUntilMs, request.atMs);
      return;
    }
    detector.push(request.samples).then(
      (detections) => send({ type: 'detections', id: request.id, detections, elapsedMs: detector.elapsedMs }),
      (error: unknown) => send({ type: 'audio-failed', id: request.id, error: toErrorInfo(error) }),
    );
  });
  send({ type: 'ready', wakeWord: detector.wakeWord });
}

if (parentPort) void serve(parentPort, workerData as WakeWorkerInit);
