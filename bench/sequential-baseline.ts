// The naive sequential pipeline Earshot is measured against, driven with the same engines: nothing
// happens while the key is held; on key-up, speech-to-text of the whole utterance, then memory, then
// the whole LLM reply, then speech sentence by sentence. No caches, no overlap. To be fair it sends
// the same history and memories Earshot's prompt has, and it can speak once its reply is written
// and the first sentence synthesized (the rest is made while that plays); the old measure, audio
// only once every sentence is synthesized, is kept beside it.
import type { LanguageModel, SpeechToText, TextToSpeech } from '../src/main/core/engines/types';
import type { PromptBuilder } from '../src/main/core/prompt/prompt-builder';
import { SentenceSplitter } from '../src/main/core/speech/sentence-splitter';
import type { HistoryTurn, MemoryService } from '../src/main/core/store/types';
import type { Settings } from '../src/shared/settings';

export interface BaselineEngines {
  stt: SpeechToText;
  llm: LanguageModel;
  tts: TextToSpeech;
  memory: MemoryService | null;
  buildPrompt: PromptBuilder;
  settings: () => Settings;
  /** The conversation so far, as Earshot's prompt sees it (none when omitted). */
  history?: () => readonly HistoryTurn[];
}

export interface BaselineSample {
  transcript: string;
  reply: string;
  sentences: number;
  /** Key-up → the reply written and its first sentence synthesized: it can start speaking. */
  firstAudioMs: number;
  /** Key-up → the whole reply's audio exists. */
  voiceToVoiceMs: number;
}

/** With `firstSentenceOnly` it stops once it can speak; voiceToVoiceMs is then NaN. */
export async function runSequentialTurn(engines: BaselineEngines, audio: Float32Array, firstSentenceOnly = false): Promise<BaselineSample> {
  const settings = engines.settings();
  const keyUp = performance.now();
  const heard = await engines.stt.transcribe(audio, { language: settings.language, beamSize: settings.stt.beamSize, maxTokens: settings.stt.maxTokens });
  const language = heard.language;
  const recall = engines.memory && settings.memory.enabled ? await engines.memory.prepare().finish(heard.text) : { texts: [] };
  const messages = engines.buildPrompt.build({
    systemPrompt: settings.llm.systemPrompt,
    history: [...(engines.history?.() ?? [])],
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
  let firstAudioMs = Number.NaN;
  for (const sentence of sentences) {
    await engines.tts.synthesize(sentence, { language, speed: settings.tts.speed });
    if (Number.isNaN(firstAudioMs)) firstAudioMs = performance.now() - keyUp;
    if (firstSentenceOnly) return { transcript: heard.text, reply, sentences: sentences.length, firstAudioMs, voiceToVoiceMs: Number.NaN };
  }
  return { transcript: heard.text, reply, sentences: sentences.length, firstAudioMs, voiceToVoiceMs: performance.now() - keyUp };
}
