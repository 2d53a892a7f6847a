// Builds an Assistant from scripted engines and in-memory stores, and records its events.
import { Assistant } from '../../src/main/core/turn/assistant';
import type { AssistantDeps, AssistantStores } from '../../src/main/core/turn/assistant-deps';
import type { ChatMessage, VoiceActivityDetector } from '../../src/main/core/engines/types';
import type { TurnPromptInput as PromptInput } from '../../src/main/core/prompt/prompt-builder';
import type { HistoryStore, HistoryTurn } from '../../src/main/core/store/types';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { TurnEvent } from '../../src/shared/turn';
import { EnergyVad, ScriptedLlm, type ScriptedLlmOptions, ScriptedStt, type ScriptedSttOptions, ScriptedTts, type ScriptedTtsOptions } from './scripted-engines';

export const simplePrompt = { build: (input: PromptInput): ChatMessage[] => [
    { role: 'system', content: input.systemPrompt },
    ...input.history.flatMap((t) => [
      { role: 'user' as const, content: t.transcript },
      { role: 'assistant' as const, content: t.reply },
    ]),
    { role: 'user', content: input.userMessage },
  ],
};

export class MemoryHistory implements HistoryStore {
  readonly turns: HistoryTurn[] = [];
  recent(limit: number): HistoryTurn[] {
    return this.turns.slice(-limit);
  }
  append(turn: HistoryTurn): void {
    this.turns.push(turn);
  }
}

export interface HarnessOptions {
  stt?: ScriptedSttOptions;
  llm?: ScriptedLlmOptions;
  tts?: ScriptedTtsOptions | null;
  settings?: Partial<Settings>;
  stores?: AssistantStores;
  /** false: no VAD; a detector: that one (e.g. the real Silero); default: the energy VAD. */
  vad?: boolean | VoiceActivityDetector;
  /** What Earshot says aloud for an error, per language (resources/phrases in the app). */
  spokenError?: AssistantDeps['spokenError'];
}

export function createHarness(options: HarnessOptions = {}) {
  const stt = new ScriptedStt(options.stt ?? { texts: ['What colour is the sky?'] });
  const llm = new ScriptedLlm(options.llm ?? { reply: 'The sky is blue. It scatters blue light the most. Anything else?', perTokenMs: 5 });
  const tts = options.tts === null ? null : new ScriptedTts(options.tts ?? {});
  const vad = typeof options.vad === 'object' ? options.vad : new EnergyVad();
  const history = new MemoryHistory();
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const events: TurnEvent[] = [];
  const notices: string[] = [];
  const assistant = new Assistant({
    engines: { stt: () => stt, vad: () => (options.vad === false ? null : vad), llm: () => llm, tts: () => tts },
    stores: { history, ...options.stores },
    settings: () => settings,
    buildPrompt: simplePrompt,
    notify: (_level, message) => notices.push(message),
    spokenError: options.spokenError,
  });
  assistant.onEvent((e) => events.push(e));
  return {
    assistant,
    stt,
    llm,
    tts,
    history,
    events,
    notices,
    setSettings: (next: Settings) => (settings = next),
    of: <T extends TurnEvent['type']>(type: T) => events.filter((e): e is Extract<TurnEvent, { type: T }> => e.type === type),
  };
}
