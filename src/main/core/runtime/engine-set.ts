// The real engines, built from the current settings and rebuilt when the settings they depend on
// change (Whisper model, Ollama host, voices). Loading stays lazy: building an engine loads nothing.
import { join } from 'node:path';
import type { Settings } from '../../../shared/settings';
import type { AssistantEngines } from '../turn/assistant-deps';
import { GuardedLanguageModel } from '../engines/llm/guarded-language-model';
import { OllamaLanguageModel } from '../engines/llm/ollama-llm';
import { resolveOllamaHost } from '../engines/llm/ollama-host';
import { SherpaTextToSpeech } from '../engines/tts/sherpa-tts';
import { SileroVad } from '../engines/vad/silero-vad';
import type { LanguageModel, SpeechToText, TextToSpeech, VoiceActivityDetector } from '../engines/types';
import { WorkerWhisperSpeechToText } from '../engines/stt/whisper-worker-stt';
import { type Logger, silentLogger } from '../platform/logger';

export interface EngineSetOptions {
  modelsDir: string;
  settings: () => Settings;
  env: NodeJS.ProcessEnv;
  /** The Silero VAD model (ships in @ricky0123/vad-web). */
  vadModelPath: string;
  logger?: Logger;
}

interface Slot<T> {
  key: string;
  engine: T;
}

export class EngineSet implements AssistantEngines {
  private sttSlot: Slot<SpeechToText> | null = null;
  private llmSlot: Slot<LanguageModel> | null = null;
  private ttsSlot: Slot<TextToSpeech> | null = null;
  private vadEngine: VoiceActivityDetector | null = null;
  private readonly logger: Logger;

  constructor(private readonly options: EngineSetOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** The Ollama base URL in force (settings, else OLLAMA_HOST, else the default). */
  llmHost(): string {
    return resolveOllamaHost(this.options.settings().llm.host, this.options.env);
  }

  stt(): SpeechToText {
    const { model, quantized } = this.options.settings().stt;
    const key = `${model}|${quantized}`;
    if (this.sttSlot?.key !== key) {
      void this.sttSlot?.engine.dispose().catch(() => undefined);
      const engine = new WorkerWhisperSpeechToText({ modelDir: join(this.options.modelsDir, model), modelId: model, quantized, logger: this.logger });
      this.sttSlot = { key, engine };
    }
    return this.sttSlot.engine;
  }

  vad(): VoiceActivityDetector {
    this.vadEngine ??= new SileroVad(this.options.vadModelPath, { logger: this.logger });
    return this.vadEngine;
  }

  llm(): LanguageModel {
    const host = this.llmHost();
    if (this.llmSlot?.key !== host) this.llmSlot = { key: host, engine: new GuardedLanguageModel(new OllamaLanguageModel({ host, logger: this.logger })) };
    return this.llmSlot.engine;
  }

  tts(): TextToSpeech {
    const { voiceEn, voicePt } = this.options.settings().tts;
    const key = `${voiceEn}|${voicePt}`;
    if (this.ttsSlot?.key !== key) {
      void this.ttsSlot?.engine.dispose().catch(() => undefined);
      const engine = new SherpaTextToSpeech({ modelsDir: this.options.modelsDir, voices: { en: voiceEn, pt: voicePt }, logger: this.logger });
      this.ttsSlot = { key, engine };
    }
    return this.ttsSlot.engine;
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.sttSlot?.engine.dispose(), this.ttsSlot?.engine.dispose(), this.vadEngine?.dispose()]);
    this.sttSlot = null;
    this.ttsSlot = null;
    this.vadEngine = null;
  }
}
