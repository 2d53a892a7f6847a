// Scripted stand-ins for the engine interfaces, with real timing (setTimeout) and real abort
// handling, for pipeline tests and benchmarks. They record what they were asked to do.
import type {
  ChatChunk,
  ChatRequest,
  LanguageModel,
  SpeechSegment,
  SpeechToText,
  SynthesizedAudio,
  SynthesizeOptions,
  TextToSpeech,
  TranscribeOptions,
  Transcription,
  VadStream,
  VoiceActivityDetector,
} from '../../src/main/core/engines/types';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(): Error {
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}

export interface ScriptedSttOptions {
  /** Text for each call, in order; the last one repeats. Or a function of the audio. */
  texts: string[] | ((audio: Float32Array, call: number) => string);
  language?: 'en' | 'pt';
  /** Milliseconds per second of audio (default 80, i.e. 240 ms for 3 s). */
  msPerAudioSecond?: number;
  fixedMs?: number;
  loadMs?: number;
  failWith?: Error;
}

export class ScriptedStt implements SpeechToText {
  readonly id = 'scripted-stt';
  readonly calls: Array<{ samples: number; options: TranscribeOptions; at: number }> = [];
  warmCalls = 0;
  /** The beam count each warm() asked for (undefined: none given). */
  readonly warmBeams: (number | undefined)[] = [];
  private loaded: Promise<void> | null = null;

  constructor(private readonly script: ScriptedSttOptions) {}

  warm(beamSize?: number): Promise<void> {
    this.warmCalls += 1;
    this.warmBeams.push(beamSize);
    this.loaded ??= sleep(this.script.loadMs ?? 0);
    return this.loaded;
  }

  async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
    await this.warm();
    const call = this.calls.length;
    this.calls.push({ samples: audio.length, options, at: performance.now() });
    const ms = (this.script.fixedMs ?? 0) + ((this.script.msPerAudioSecond ?? 80) * audio.length) / 16_000;
    await sleep(ms, options.signal);
    if (this.script.failWith) throw this.script.failWith;
    const { texts } = this.script;
    const text = typeof texts === 'function' ? texts(audio, call) : (texts[Math.min(call, texts.length - 1)] ?? '');
    const language = options.language === 'auto' ? (this.script.language ?? 'en') : options.language;
    return { text, language, tokenCount: text.split(/\s+/).length };
  }

  async dispose(): Promise<void> {}
}

/** Energy VAD: a segment is a run of |x| > threshold closed by minSilence samples of quiet. */
export class EnergyVad implements VoiceActivityDetector {
  constructor(
    private readonly threshold = 0.05,
    private readonly minSilence = 16_000 * 0.4,
  ) {}

  async warm(): Promise<void> {}

  createStream(): VadStream {
    let offset = 0;
    let start: number | null = null;
    let lastLoud = 0;
    const { threshold, minSilence } = this;
    return {
      push: async (samples) => {
        const ended: SpeechSegment[] = [];
        for (let i = 0; i < samples.length; i++) {
          const at = offset + i;
          if (Math.abs(samples[i] as number) > threshold) {
            if (start === null) start = at;
            lastLoud = at;
          } else if (start !== null && at - lastLoud >= minSilence) {
            ended.push({ start, end: lastLoud + 1 });
            start = null;
          }
        }
        offset += samples.length;
        return ended;
      },
      finish: async () => (start === null ? [] : [{ start, end: lastLoud + 1 }]),
    };
  }

  async dispose(): Promise<void> {}
}

export interface ScriptedLlmOptions {
  /** The reply, or a function of the request. */
  reply: string | ((request: ChatRequest) => string);
  firstTokenMs?: number;
  perTokenMs?: number;
  /** Throw this after `failAfterTokens` tokens (or before the first when 0). */
  failWith?: Error;
  failAfterTokens?: number;
}

export class ScriptedLlm implements LanguageModel {
  readonly requests: ChatRequest[] = [];
  readonly warmed: string[] = [];
  aborted = 0;

  constructor(private readonly script: ScriptedLlmOptions) {}

  async *chat(request: ChatRequest): AsyncIterable<ChatChunk> {
    this.requests.push(request);
    const { signal } = request;
    const onAbort = () => (this.aborted += 1);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reply = typeof this.script.reply === 'function' ? this.script.reply(request) : this.script.reply;
      const tokens = reply.match(/\s*\S+/g) ?? [];
      await sleep(this.script.firstTokenMs ?? 0, signal);
      let sent = 0;
      for (const token of tokens) {
        if (this.script.failWith && sent === (this.script.failAfterTokens ?? 0)) throw this.script.failWith;
        if (sent > 0) await sleep(this.script.perTokenMs ?? 0, signal);
        yield { type: 'token', text: token };
        sent += 1;
      }
      if (this.script.failWith && sent === (this.script.failAfterTokens ?? 0)) throw this.script.failWith;
      yield {
        type: 'done',
        stats: { promptEvalCount: 40, evalCount: sent, promptEvalMs: 10, evalMs: 10, loadMs: 0, doneReason: 'stop' },
      };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async warm(model: string): Promise<void> {
    this.warmed.push(model);
  }
}

export interface ScriptedTtsOptions {
  sampleRate?: number;
  /** Synthesis time as a fraction of audio duration (default 0.15). */
  realTimeFactor?: number;
  /** Audio seconds per character (default 0.06). */
  secondsPerChar?: number;
  chunks?: number;
  failWith?: Error;
}

export class ScriptedTts implements TextToSpeech {
  readonly spoken: string[] = [];
  aborted = 0;

  constructor(private readonly script: ScriptedTtsOptions = {}) {}

  voiceId(language: 'en' | 'pt'): string {
    return `scripted-${language}@1`;
  }

  async warm(): Promise<void> {}

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedAudio> {
    if (this.script.failWith) throw this.script.failWith;
    this.spoken.push(text);
    const rate = this.script.sampleRate ?? 22_050;
    const seconds = (text.length * (this.script.secondsPerChar ?? 0.06)) / options.speed;
    const total = Math.max(1, Math.round(seconds * rate));
    const chunks = this.script.chunks ?? 3;
    const out = new Float32Array(total);
    const per = Math.ceil(total / chunks);
    try {
      for (let c = 0; c < chunks; c++) {
        await sleep(((seconds * (this.script.realTimeFactor ?? 0.15)) / chunks) * 1000, options.signal);
        const chunk = new Float32Array(Math.max(0, Math.min(per, total - c * per))).map((_, i) => 0.3 * Math.sin((c * per + i) / 10));
        out.set(chunk, c * per);
        if (chunk.length > 0) options.onChunk?.(chunk, rate);
      }
    } catch (error) {
      this.aborted += 1;
      throw error;
    }
    return { sampleRate: rate, samples: out };
  }

  async dispose(): Promise<void> {}
}

/** Speech-like test audio: tone bursts separated by silence, at 16 kHz. */
export function burstAudio(pattern: Array<{ speech?: number; silence?: number }>): Float32Array {
  const parts = pattern.map(({ speech, silence }) => {
    const n = Math.round((speech ?? silence ?? 0) * 16_000);
    return speech ? Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 220 * i) / 16_000)) : new Float32Array(n);
  });
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feeds audio to a push function in 100 ms chunks, in real time scaled by `speed`. */
export async function streamAudio(audio: Float32Array, push: (chunk: Float32Array) => void, speed = 20): Promise<void> {
  const chunk = 1600;
  for (let i = 0; i < audio.length; i += chunk) {
    push(audio.slice(i, i + chunk));
    await sleep(100 / speed);
  }
}
