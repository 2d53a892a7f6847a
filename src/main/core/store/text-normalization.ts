// How text is reduced to a cache key. Questions lose case, punctuation and spacing (accents stay:
// in Portuguese "é" and "e" are different words); sentences for speech keep case and punctuation,
// which change how they sound, and lose only invisible differences.
import type { Language } from '../../../shared/turn';

const EN_CONTRACTIONS: ReadonlyArray<[RegExp, string]> = [
  [/\b(what|who|where|when|how|that|there|it|he|she)'s\b/g, '$1 is'],
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(\w+)'re\b/g, '$1 are'],
  [/\b(\w+)'ll\b/g, '$1 will'],
  [/\b(\w+)'ve\b/g, '$1 have'],
  [/\b(\w+)'d\b/g, '$1 would'],
  [/\bi'm\b/g, 'i am'],
  [/\blet's\b/g, 'let us'],
];

/** Curly quotes and apostrophes to straight ones, ellipsis to three dots, NFC. */
function unifyCharacters(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ');
}

/**
 * A question as the response cache compares it: lower case, English contractions expanded, every
 * character that is not a letter, digit or apostrophe inside a word dropped, single spaces.
 * Accents are kept.
 */
export function normalizeQuestion(question: string, language: Language): string {
  let text = unifyCharacters(question).toLocaleLowerCase(language === 'pt' ? 'pt' : 'en');
  if (language === 'en') for (const [pattern, replacement] of EN_CONTRACTIONS) text = text.replace(pattern, replacement);
  // Decimal and thousands separators inside numbers survive ("1.5", "2,000"); other punctuation goes.
  text = text.replace(/(\d)[.,](\d)/g, '$1\uE000$2');
  text = text.replace(/[^\p{L}\p{N}\uE000']+/gu, ' ').replace(/\uE000/g, '.');
  text = text.replace(/(^|\s)'+|'+(?=\s|$)/g, '$1');
  return text.replace(/\s+/g, ' ').trim();
}

/** A sentence as the TTS cache compares it: same words, case and punctuation; spacing and quote styles unified. */
export function normalizeSentence(sentence: string): string {
  return unifyCharacters(sentence).replace(/\s+/g, ' ').trim();
}

/** Words of a normalized question. */
export function words(normalized: string): string[] {
  return normalized.length === 0 ? [] : normalized.split(' ');
}
