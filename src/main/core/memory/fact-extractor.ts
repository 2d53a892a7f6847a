// Fact extraction for memory: one LLM call over a batch of turns, after the turns,
// never on the hot path. The prompt and the parsing of its answer are pure.
import type { Settings } from '../../../shared/settings';
import type { ChatMessage, LanguageModel } from '../engines/types';
import type { HistoryTurn } from '../store/types';
import type { FactExtractor } from './extraction-queue';

const INSTRUCTIONS =
  'From the conversation below, list lasting facts about the user that would help a voice assistant later ' +
  '(name, family, pets, where they live, work, preferences, plans). One fact per line, each starting with "- ", ' +
  'written in the third person ("The user ..."), in the language the user spoke. Skip anything about the ' +
  'assistant, questions of general knowledge, and passing small talk. If there is nothing, answer "- none".';

export function extractionPrompt(turns: readonly HistoryTurn[]): ChatMessage[] {
  const transcript = turns.map((t) => `User: ${t.transcript}\nAssistant: ${t.reply}`).join('\n\n');
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: transcript },
  ];
}

/** The model's ways of saying there is nothing to keep ("- none", "Nenhum fato relevante.", "Nothing to remember."). */
const NOTHING = /^(none|no facts?|nothing|nenhum|nenhuma|nada|não há)(?=[\s.,!:;]|$)[^.]*\.?$/iu;

/** The "- fact" lines of the model's answer, without "none" and without duplicates. */
export function parseFacts(answer: string): string[] {
  const facts = answer
    .split('\n')
    .map((line) => line.match(/^\s*(?:[-*•]|\d+[.)])\s+(.+?)\s*$/)?.[1] ?? '')
    .map((fact) => fact.replace(/^[*_`([]+|[*_`)\]]+$/g, '').trim())
    .filter((fact) => fact.length >= 6 && fact.length <= 300 && !NOTHING.test(fact));
  return [...new Set(facts)];
}

export function llmFactExtractor(llm: () => LanguageModel, settings: () => Settings): FactExtractor {
  return async (turns, signal) => {
    const { llm: s } = settings();
    let answer = '';
    for await (const chunk of llm().chat({
      model: s.model,
      messages: extractionPrompt(turns),
      contextTokens: 2048,
      maxTokens: 200,
      temperature: 0,
      keepAlive: s.keepAlive,
      firstTokenTimeoutMs: s.timeoutMs,
      signal,
    })) {
      if (chunk.type === 'token') answer += chunk.text;
    }
    return parseFacts(answer);
  };
}
