// One sherpa-onnx generateAsync call, streamed and cancellable. sherpa-onnx calls the progress
// callback once per sentence it finishes, with that sentence's samples only (not the audio so far);
// the callback's return value decides whether generation goes on (0 stops it before the next
// sentence). Samples are copied out of the native buffer before anyone keeps them.
import type { GeneratedAudio, TtsProgress } from 'sherpa-onnx-node';
import { EarshotError } from '../../../../shared/errors';
import type { SynthesizedAudio } from '../types';
import { abortError } from '../stt/abort';

/** The part of sherpa-onnx-node's OfflineTts a generation needs. */
export interface TtsGenerator {
  readonly sampleRate: number;
  generateAsync(request: {
    text: string;
    sid: number;
    speed: number;
    enableExternalBuffer: boolean;
    onProgress: (info: TtsProgress) => number;
  }): Promise<GeneratedAudio>;
}

export interface StreamedRequest {
  text: string;
  speed: number;
  signal?: AbortSignal;
  onChunk?: (samples: Float32Array, sampleRate: number) => void;
  /** Names the voice in error messages. */
  voiceId: string;
}

export interface StreamedGeneration {
  /** The whole audio; rejects at once (AbortError) when the signal fires. */
  audio: Promise<SynthesizedAudio>;
  /** Settles when the native generation has really stopped; never rejects. */
  settled: Promise<void>;
}

export const cancelledSynthesis = (): Error => abortError('Speech synthesis was cancelled.');

export function generateStreamed(engine: TtsGenerator, request: StreamedRequest): StreamedGeneration {
  const { signal, onChunk } = request;
  const sampleRate = engine.sampleRate;
  let chunks = 0;
  let stop = false;
  let chunkError: unknown = null;

  const onProgress = (info: TtsProgress): number => {
    if (stop || signal?.aborted) {
      stop = true;
      return 0;
    }
    chunks += 1;
    try {
      onChunk?.(info.samples.slice(), sampleRate);
    } catch (error) {
      chunkError = error;
      stop = true;
    }
    // Aborting from inside onChunk sets `stop` too (the abort listener runs synchronously).
    return stop ? 0 : 1;
  };

  const native = startNative(engine, {
    text: request.text,
    sid: 0,
    speed: request.speed,
    enableExternalBuffer: false,
    onProgress,
  });

  const audio = new Promise<SynthesizedAudio>((resolve, reject) => {
    const onAbort = () => {
      stop = true;
      reject(cancelledSynthesis());
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    native.then(
      (result) => {
        signal?.removeEventListener('abort', onAbort);
        if (chunkError !== null) return reject(chunkError);
        if (signal?.aborted) return reject(cancelledSynthesis());
        const samples = result.samples.slice();
        if (chunks === 0 && samples.length > 0) {
          // No progress callback came (older bindings): hand the whole audio over as one chunk.
          try {
            onChunk?.(samples.slice(), sampleRate);
          } catch (error) {
            return reject(error);
          }
        }
        resolve({ sampleRate, samples });
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        if (chunkError !== null) return reject(chunkError);
        if (signal?.aborted) return reject(cancelledSynthesis());
        const detail = error instanceof Error ? error.message : String(error);
        reject(
          new EarshotError(
            'tts_failed',
            `Voice "${request.voiceId}" could not speak this text (${detail}) — try again, or pick another voice in Settings.`,
            { cause: error, params: { id: request.voiceId } },
          ),
        );
      },
    );
  });
  return { audio, settled: native.then(() => undefined, () => undefined) };
}

/** generateAsync, with a synchronous throw (bad arguments) turned into a rejection. */
function startNative(engine: TtsGenerator, request: Parameters<TtsGenerator['generateAsync']>[0]): Promise<GeneratedAudio> {
  try {
    return engine.generateAsync(request);
  } catch (error) {
    return Promise.reject(error);
  }
}
