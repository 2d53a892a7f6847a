// Brazilian Portuguese is first-class: every interface text has a Portuguese wording, with the same
// {placeholders}, and none is the English text left untranslated.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/src/i18n/messages-en';
import { ptBR } from '../../../src/renderer/src/i18n/messages-pt-BR';

/** Texts that are the same in both languages: names, units, symbols. */
const SAME_IN_BOTH = new Set([
  'app.title',
  'nav.main',
  'conversation.assistant',
  'conversation.waiting',
  'latency.turnOption',
  'latency.col.p50',
  'latency.col.p95',
  'latency.ms',
  'setup.ollama.label',
  'settings.section.cache',
  'choice.language.en',
  'choice.language.pt',
  // The wake words are what the user says, in English, whatever the interface language.
  'choice.listening.wakeWord.hey_jarvis',
  'choice.listening.wakeWord.alexa',
  'choice.listening.wakeWord.hey_mycroft',
  'choice.listening.wakeWord.hey_rhasspy',
  'cache.col.kind',
]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('pt-BR interface texts', () => {
  const pt = ptBR as Record<string, string | undefined>;

  it('has every key, none empty', () => {
    const missing = Object.keys(en).filter((key) => !pt[key]?.trim());
    expect(missing).toEqual([]);
  });

  it('translates every text that is not a name or a unit', () => {
    const english = Object.entries(en)
      .filter(([key, text]) => pt[key] === text && !SAME_IN_BOTH.has(key))
      .map(([key]) => key);
    expect(english).toEqual([]);
  });

  it('keeps the placeholders of each English text', () => {
    const differ = Object.entries(en)
      .filter(([key, text]) => pt[key] !== undefined && placeholders(pt[key]!).join() !== placeholders(text).join())
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });

  it('has no key English does not have', () => {
    expect(Object.keys(ptBR).filter((key) => !(key in en))).toEqual([]);
  });
});
