// Text-to-speech with sherpa-onnx-node's OfflineTts and Piper (VITS) voices, one per language.
// A voice is checked (tts-voice-files.ts) and then created with OfflineTts.createAsync, which loads
// it off the event loop; it is kept until dispose(). Generation uses generateAsync with its progress
// callback, so each sentence's audio goes to onChunk as soon as it is made. Generations run one at
// a time across languages: sherpa-onnx's espeak-ng phonemizer is process-wide state.
import { OfflineTts, version as sherpaVersion, type OfflineTtsConfig } from 'sherpa-onnx-node';
import { EarshotError } from '../../../../shared/errors';
import type { Language } from '../../../../shared/turn';
import { type Logger, silentLogger } from '../../platform/logger';
import { cancelledSynthesis, generateStreamed, type StreamedGeneration, type TtsGenerator } from './tts-streamed-generation';
import { corrupt, resolvePiperVoice, type PiperVoiceFiles } from './tts-voice-files';
import type { SynthesizeOptions, SynthesizedAudio, TextToSpeech } from '../types';

export interface SherpaTextToSpeechOptions {
  /** Folder holding one folder per installed voice, named by voice id. */
  modelsDir: string;
  /** Voice id (folder name) per language, e.g. { en: 'piper-en_US-amy-low', pt: 'piper-pt_BR-faber-medium' }. */
  voices: Readonly<Record<Language, string>>;
  /** onnxruntime intra-op threads per voice; 2 when omitted. */
  numThreads?: number;
  logger?: Logger;
}

interface LoadedVoice {
  files: PiperVoiceFiles;
  engine: TtsGenerator;
}

export const SHERPA_ENGINE_ID = `sherpa-onnx-${sherpaVersion}`;

/**
 * Said (and thrown away) once a voice has loaded: the first generation of a fresh voice also pays
 * for onnxruntime's first run and espeak-ng's set-up, which would otherwise land on the first
 * sentence of the first reply.
 */
export const VOICE_WARM_UP_TEXT: Readonly<Record<Language, string>> = { en: 'Hello.', pt: 'Olá.' };

export class SherpaTextToSpeech implements TextToSpeech {
  private readonly loads = new Map<Language, Promise<LoadedVoice>>();
  private readonly logger: Logger;
  /** Settles when the generation started last has really stopped. */
  private nativeTail: Promise<void> = Promise.resolve();

  constructor(private readonly options: SherpaTextToSpeechOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  voiceId(language: Language): string {
    return `${this.options.voices[language]}@${SHERPA_ENGINE_ID}`;
  }

  async warm(language: Language): Promise<void> {
    await this.voice(language);
  }

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedAudio> {
    const { signal } = options;
    if (!(options.speed > 0) || !Number.isFinite(options.speed)) {
      throw new EarshotError('invalid_input', `Speech speed must be a positive number, got ${options.speed}.`);
    }
    if (signal?.aborted) throw cancelledSynthesis();
    const voice = await raceAbort(this.voice(options.language), signal);
    if (text.trim() === '') return { sampleRate: voice.files.info.sampleRate, samples: new Float32Array(0) };
    const started = performance.now();
    const audio = await this.exclusive(signal, () =>
      generateStreamed(voice.engine, { text, speed: options.speed, voiceId: voice.files.id, signal, onChunk: options.onChunk }),
    );
    this.logger.debug('tts generated', {
      voice: voice.files.id,
      ms: Math.round(performance.now() - started),
      seconds: Number((audio.samples.length / audio.sampleRate).toFixed(2)),
    });
    return audio;
  }

  async dispose(): Promise<void> {
    const loads = [...this.loads.values()];
    this.loads.clear();
    await this.nativeTail;
    // OfflineTts has no close(): dropping the last reference lets its finalizer free the model.
    await Promise.allSettled(loads);
  }

  private voice(language: Language): Promise<LoadedVoice> {
    let load = this.loads.get(language);
    if (!load) {
      load = this.load(this.options.voices[language]).then(async (voice) => {
        await this.warmUp(voice, language);
        return voice;
      });
      this.loads.set(language, load);
      // A failed load is forgotten so the next call retries (e.g. after the voice is fetched).
      load.catch(() => {
        if (this.loads.get(language) === load) this.loads.delete(language);
      });
    }
    return load;
  }

  private async load(voiceId: string): Promise<LoadedVoice> {
    const started = performance.now();
    const files = await resolvePiperVoice(this.options.modelsDir, voiceId);
    for (const warning of files.warnings) this.logger.warn('tts voice problem', { voice: voiceId, warning });
    const config: OfflineTtsConfig = {
      model: {
        vits: { model: files.model, tokens: files.tokens, dataDir: files.dataDir },
        numThreads: this.options.numThreads ?? 2,
        debug: false,
        provider: 'cpu',
      },
      // One sentence per batch: the progress callback then fires once per sentence.
      maxNumSentences: 1,
    };
    let engine: OfflineTts;
    try {
      engine = await OfflineTts.createAsync(config);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw corrupt(voiceId, files.model, `sherpa-onnx could not load it: ${detail}`);
    }
    this.logger.info('tts voice loaded', {
      voice: voiceId,
      ms: Math.round(performance.now() - started),
      sampleRate: engine.sampleRate,
    });
    return { files, engine };
  }

  /** One short real synthesis; a failure here is only logged: the first real sentence will say it. */
  private async warmUp(voice: LoadedVoice, language: Language): Promise<void> {
    const started = performance.now();
    try {
      await this.exclusive(undefined, () => generateStreamed(voice.engine, { text: VOICE_WARM_UP_TEXT[language], speed: 1, voiceId: voice.files.id }));
      this.logger.info('tts voice warmed', { voice: voice.files.id, ms: Math.round(performance.now() - started) });
    } catch (error) {
      this.logger.warn('tts voice warm-up synthesis failed', { voice: voice.files.id, error: String(error) });
    }
  }

  /** Runs one generation after the previous one has stopped; waiting ends early on abort. */
  private async exclusive(signal: AbortSignal | undefined, start: () => StreamedGeneration): Promise<SynthesizedAudio> {
    const previous = this.nativeTail;
    let release = () => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.nativeTail = previous.then(() => mine);
    try {
      await raceAbort(previous, signal);
    } catch (error) {
      release();
      throw error;
    }
    let generation: StreamedGeneration;
    try {
      generation = start();
    } catch (error) {
      release();
      throw error;
    }
    void generation.settled.then(release);
    return generation.audio;
  }
}

/** `promise`, or an AbortError as soon as `signal` fires (the promise itself is not stopped). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelledSynthesis());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledSynthesis());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
