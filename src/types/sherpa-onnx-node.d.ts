// Types for the parts of sherpa-onnx-node Earshot uses (the package ships none).
declare module 'sherpa-onnx-node' {
  export const version: string;
  export const gitSha1: string;

  export class LinearResampler {
    constructor(inputSampleRate: number, outputSampleRate: number);
    /** Resamples a chunk, keeping filter state for the next one. */
    resample(samples: Float32Array): Float32Array;
    /** Resamples the last chunk and emits what the filter still holds. */
    flush(samples: Float32Array): Float32Array;
    reset(): void;
  }

  export interface OfflineTtsVitsModelConfig {
    model: string;
    tokens: string;
    dataDir?: string;
    lexicon?: string;
    noiseScale?: number;
    noiseScaleW?: number;
    lengthScale?: number;
  }

  export interface OfflineTtsConfig {
    model: {
      vits?: OfflineTtsVitsModelConfig;
      numThreads?: number;
      debug?: boolean | number;
      provider?: string;
    };
    maxNumSentences?: number;
    ruleFsts?: string;
    ruleFars?: string;
    silenceScale?: number;
  }

  export interface GeneratedAudio {
    samples: Float32Array;
    sampleRate: number;
  }

  export interface TtsProgress {
    samples: Float32Array;
    progress: number;
  }

  export interface GenerateRequest {
    text: string;
    sid?: number;
    speed?: number;
    enableExternalBuffer?: boolean;
  }

  export class OfflineTts {
    constructor(config: OfflineTtsConfig);
    static createAsync(config: OfflineTtsConfig): Promise<OfflineTts>;
    readonly numSpeakers: number;
    readonly sampleRate: number;
    generate(request: GenerateRequest): GeneratedAudio;
    /** onProgress returning 0 or false stops generation. */
    generateAsync(request: GenerateRequest & { onProgress?: (info: TtsProgress) => number | boolean | void }): Promise<GeneratedAudio>;
  }
}
