// Microphone capture through vad-web's MicVAD: 16 kHz mono frames (512 samples, 32 ms) handed to
// the caller while capture runs. The Silero model, the audio worklet and onnxruntime-web's wasm
// come from our own bundle (vad/ next to index.html). The model loads once at start-up; the
// microphone itself opens on start() and closes on stop(), so it is only live while Talk is held.
import { MicVAD } from '@ricky0123/vad-web';

export interface MicrophoneHandlers {
  onFrame(frame: Float32Array): void;
  /** The detector heard speech start / stop (for the UI; capture is push-to-talk regardless). */
  onSpeech(active: boolean): void;
}

export interface Microphone {
  /**
   * Opens the microphone (asking for permission the first time). Rejects when it cannot (refused,
   * no device); the detector is then unusable and should be destroyed.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** Where the VAD files are served: vad/ beside the page, as an absolute URL (ort imports from it). */
export function vadAssetBase(documentBase: string): string {
  return new URL('vad/', documentBase).href;
}

/**
 * The picked microphone when it is plugged in, else the default: `ideal` lets the browser fall back
 * instead of failing when the remembered device is gone. Echo cancellation stays on either way.
 */
export function microphoneConstraints(deviceId: string): MediaStreamConstraints {
  const audio: MediaTrackConstraints = { channelCount: 1, echoCancellation: true, autoGainControl: true, noiseSuppression: true };
  return { audio: deviceId ? { ...audio, deviceId: { ideal: deviceId } } : audio };
}

export async function openMicrophone(handlers: MicrophoneHandlers, assetBase = vadAssetBase(document.baseURI), deviceId: () => string = () => ''): Promise<Microphone> {
  const vad = await MicVAD.new({
    getStream: () => navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId())),
    model: 'v5',
    baseAssetPath: assetBase,
    onnxWASMBasePath: assetBase,
    startOnLoad: false,
    ortConfig: (ort) => {
      ort.env.logLevel = 'error';
      ort.env.wasm.numThreads = 1;
    },
    onFrameProcessed: (_probabilities, frame) => handlers.onFrame(frame),
    onSpeechRealStart: () => handlers.onSpeech(true),
    onSpeechEnd: () => handlers.onSpeech(false),
    onVADMisfire: () => handlers.onSpeech(false),
  });
  // start/stop run one after another, so a quick tap never pauses a microphone still opening.
  let queue: Promise<void> = Promise.resolve();
  const next = (step: () => Promise<void>) => (queue = queue.then(step, step));
  return {
    start: () => next(() => vad.start()),
    stop: () => next(() => vad.pause()),
    destroy: () => next(() => vad.destroy()),
  };
}
