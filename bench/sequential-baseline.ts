// The naive sequential pipeline Earshot is measured against, driven with the same engines: nothing
// happens while the key is held; on key-up, speech-to-text of the whole utterance, then memory, then
// the whole LLM reply, then speech for every sentence, and only then is there audio to play. No
// caches, no overlap.
import type { LanguageModel, SpeechToText, TextToSpeech } from '../src/main/core/engines/types';
import type { PromptBuilder } from '../src/main/core/prompt/prompt-builder';
import { SentenceSplitter } from '../src/main/core/speech/sentence-splitter';
import type { MemoryService } from '../src/main/core/store/types';
import type { Settings } from '../src/shared/settings';

export interface BaselineEngines {
  stt: SpeechToText;
  llm: LanguageModel;
  tts: TextToSpeech;
  memory: MemoryService | null;
  buildPrompt: PromptBuilder;
  settings: () => Settings;
}

export interface BaselineSample {
  transcript: string;
  reply: string;
  sentences: number;
  /** Key-up → the whole reply's audio exists. */
  voiceToVoiceMs: number;
}

export async function runSequentialTurn(engines: BaselineEngines, audio: Float32Array): Promise<BaselineSample> {
  const settings = engines.settings();
  const keyUp = performance.now();
  const heard = await engines.stt.transcribe(audio, { language: settings.language, beamSize: settings.stt.beamSize, maxTokens: settings.stt.maxTokens });
  const language = heard.language;
  const recall = engines.memory && settings.memory.enabled ? await engines.memory.prepare().finish(heard.text) : { texts: [] };
  const messages = engines.buildPrompt.build({
    systemPrompt: settings.llm.systemPrompt,
    history: [],
    memories: recall.texts,
    userMessage: heard.text,
    contextTokens: 2048,
    reserveTokens: settings.llm.maxTokens,
  });
  let reply = '';
  for await (const chunk of engines.llm.chat({
    model: settings.llm.model,
    messages,
    contextTokens: 2048,
    maxTokens: settings.llm.maxTokens,
    temperature: settings.llm.temperature,
    keepAlive: settings.llm.keepAlive,
    firstTokenTimeoutMs: settings.llm.timeoutMs,
  })) {
    if (chunk.type === 'token') reply += chunk.text;
  }
  const splitter = new SentenceSplitter({ language });
  const sentences = [...splitter.push(reply), ...splitter.flush()];
  for (const sentence of sentences) await engines.tts.synthesize(sentence, { language, speed: settings.tts.speed });
  return { transcript: heard.text, reply, sentences: sentences.length, voiceToVoiceMs: performance.now() - keyUp };
}
