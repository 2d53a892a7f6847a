// Every setting of src/shared/settings.ts as a field of the settings panel: where it lives, which
// section shows it, its label (an i18n key) and what kind of control edits it. The bounds repeat the
// schema's; a unit test checks them against it.
import { PRETRAINED_WAKE_WORDS } from '../../../shared/wake-words';
import type { MessageKey } from '../i18n/messages-en';

export type SectionId = 'general' | 'speech' | 'voice' | 'assistant' | 'memory' | 'cache' | 'hotkey' | 'models' | 'listening' | 'knowledge';
import { CHUNK_PRESET_NAMES } from '../../../shared/settings';

export type FieldKind =
  | { type: 'int' | 'number'; min: number; max: number; step: number }
  | { type: 'bool' }
  | { type: 'text'; multiline?: boolean; optional?: boolean }
  | { type: 'choice'; options: readonly string[] }
  /** A catalog model: offered from models.list, filtered by kind and language. */
  | { type: 'model'; modelKind: 'stt' | 'tts'; language?: 'en' | 'pt' }
  /** An Ollama chat model: picked from the ones installed, typed when Ollama cannot list them. */
  | { type: 'chatModel' };

export interface SettingField {
  /** Dotted path into Settings: "stt.beamSize". */
  path: string;
  section: SectionId;
  label: MessageKey;
  hint?: MessageKey;
  kind: FieldKind;
}

export const SECTIONS: readonly { id: SectionId; title: MessageKey }[] = [
  { id: 'general', title: 'settings.section.general' },
  { id: 'speech', title: 'settings.section.speech' },
  { id: 'voice', title: 'settings.section.voice' },
  { id: 'assistant', title: 'settings.section.assistant' },
  { id: 'memory', title: 'settings.section.memory' },
  { id: 'cache', title: 'settings.section.cache' },
  { id: 'hotkey', title: 'settings.section.hotkey' },
  { id: 'models', title: 'settings.section.models' },
  { id: 'listening', title: 'settings.section.listening' },
  { id: 'knowledge', title: 'settings.section.knowledge' },
];

export const SETTING_FIELDS: readonly SettingField[] = [
  { path: 'language', section: 'general', label: 'field.language', kind: { type: 'choice', options: ['auto', 'en', 'pt'] } },
  { path: 'launchAtLogin', section: 'general', label: 'field.launchAtLogin', kind: { type: 'bool' } },
  { path: 'stt.model', section: 'speech', label: 'field.sttModel', kind: { type: 'model', modelKind: 'stt' } },
  { path: 'stt.beamSize', section: 'speech', label: 'field.beamSize', hint: 'hint.beamSize', kind: { type: 'int', min: 1, max: 5, step: 1 } },
  { path: 'stt.maxTokens', section: 'speech', label: 'field.sttMaxTokens', kind: { type: 'int', min: 8, max: 440, step: 1 } },
  { path: 'stt.quantized', section: 'speech', label: 'field.quantized', kind: { type: 'bool' } },
  { path: 'tts.enabled', section: 'voice', label: 'field.ttsEnabled', kind: { type: 'bool' } },
  { path: 'tts.voiceEn', section: 'voice', label: 'field.voiceEn', kind: { type: 'model', modelKind: 'tts', language: 'en' } },
  { path: 'tts.voicePt', section: 'voice', label: 'field.voicePt', kind: { type: 'model', modelKind: 'tts', language: 'pt' } },
  { path: 'tts.speed', section: 'voice', label: 'field.speed', kind: { type: 'number', min: 0.5, max: 2, step: 0.1 } },
  { path: 'llm.host', section: 'assistant', label: 'field.ollamaHost', hint: 'hint.ollamaHost', kind: { type: 'text', optional: true } },
  { path: 'llm.model', section: 'assistant', label: 'field.ollamaModel', kind: { type: 'chatModel' } },
  { path: 'llm.maxTokens', section: 'assistant', label: 'field.tokenCap', hint: 'hint.tokenCap', kind: { type: 'int', min: 16, max: 1000, step: 1 } },
  { path: 'llm.historyTokens', section: 'assistant', label: 'field.historyTokens', hint: 'hint.historyTokens', kind: { type: 'int', min: 0, max: 1800, step: 32 } },
  { path: 'llm.temperature', section: 'assistant', label: 'field.temperature', kind: { type: 'number', min: 0, max: 2, step: 0.1 } },
  { path: 'llm.keepAlive', section: 'assistant', label: 'field.keepAlive', hint: 'hint.keepAlive', kind: { type: 'text' } },
  { path: 'llm.timeoutMs', section: 'assistant', label: 'field.timeoutMs', kind: { type: 'int', min: 1000, max: 600_000, step: 1000 } },
  { path: 'llm.systemPrompt', section: 'assistant', label: 'field.systemPrompt', kind: { type: 'text', multiline: true } },
  { path: 'memory.enabled', section: 'memory', label: 'field.memoryEnabled', kind: { type: 'bool' } },
  { path: 'cache.enabled', section: 'cache', label: 'field.cacheEnabled', kind: { type: 'bool' } },
  { path: 'cache.ttsTtlMinutes', section: 'cache', label: 'field.ttsTtl', kind: { type: 'int', min: 1, max: 10_080, step: 1 } },
  { path: 'cache.responseTtlMinutes', section: 'cache', label: 'field.responseTtl', kind: { type: 'int', min: 1, max: 10_080, step: 1 } },
  { path: 'cache.semanticThreshold', section: 'cache', label: 'field.semanticThreshold', hint: 'hint.semanticThreshold', kind: { type: 'number', min: 0.5, max: 1, step: 0.01 } },
  { path: 'hotkey.binding', section: 'hotkey', label: 'field.hotkeyBinding', hint: 'hint.hotkeyBinding', kind: { type: 'text' } },
  { path: 'hotkey.mode', section: 'hotkey', label: 'field.hotkeyMode', kind: { type: 'choice', options: ['hold', 'toggle'] } },
  { path: 'hotkey.paused', section: 'hotkey', label: 'field.hotkeyPaused', kind: { type: 'bool' } },
  { path: 'models.mirror', section: 'models', label: 'field.mirror', hint: 'hint.mirror', kind: { type: 'text', optional: true } },
  { path: 'models.catalogFile', section: 'models', label: 'field.catalogFile', kind: { type: 'text', optional: true } },
  { path: 'cache.responseMaxEntries', section: 'cache', label: 'field.responseMaxEntries', kind: { type: 'int', min: 50, max: 20_000, step: 50 } },
  { path: 'listening.handsFree', section: 'listening', label: 'field.handsFree', hint: 'hint.handsFree', kind: { type: 'bool' } },
  { path: 'listening.wakeWord', section: 'listening', label: 'field.wakeWord', kind: { type: 'choice', options: PRETRAINED_WAKE_WORDS } },
  { path: 'listening.wakeThreshold', section: 'listening', label: 'field.wakeThreshold', hint: 'hint.wakeThreshold', kind: { type: 'number', min: 0.1, max: 0.95, step: 0.05 } },
  { path: 'listening.wakeChime', section: 'listening', label: 'field.wakeChime', hint: 'hint.wakeChime', kind: { type: 'bool' } },
  { path: 'listening.followUpSeconds', section: 'listening', label: 'field.followUpSeconds', hint: 'hint.followUpSeconds', kind: { type: 'int', min: 0, max: 30, step: 1 } },
  { path: 'listening.customClassifier', section: 'listening', label: 'field.customClassifier', hint: 'hint.customClassifier', kind: { type: 'text', optional: true } },
  { path: 'knowledge.enabled', section: 'knowledge', label: 'field.knowledgeEnabled', kind: { type: 'bool' } },
  { path: 'knowledge.chunkPreset', section: 'knowledge', label: 'field.chunkPreset', hint: 'hint.chunkPreset', kind: { type: 'choice', options: CHUNK_PRESET_NAMES } },
  { path: 'knowledge.embeddingModel', section: 'knowledge', label: 'field.embeddingModel', hint: 'hint.embeddingModel', kind: { type: 'text' } },
  { path: 'knowledge.contextTokens', section: 'knowledge', label: 'field.knowledgeContextTokens', kind: { type: 'int', min: 100, max: 1500, step: 50 } },
  { path: 'knowledge.searchTtlSeconds', section: 'knowledge', label: 'field.searchTtl', kind: { type: 'int', min: 1, max: 86_400, step: 1 } },
  { path: 'knowledge.contextTtlSeconds', section: 'knowledge', label: 'field.contextTtl', kind: { type: 'int', min: 1, max: 86_400, step: 1 } },
  { path: 'knowledge.queryEmbeddingTtlSeconds', section: 'knowledge', label: 'field.queryEmbeddingTtl', kind: { type: 'int', min: 1, max: 86_400, step: 1 } },
];

/** Settings the preset picker owns (besides preset itself) and settings that are not fields. */
// The audio devices have their own pickers (DevicePickers.tsx), listing what is plugged in; the
// document list is edited in the Knowledge panel.
export const NOT_FIELDS = ['version', 'preset', 'audio.inputDeviceId', 'audio.outputDeviceId', 'knowledge.sources'] as const;
