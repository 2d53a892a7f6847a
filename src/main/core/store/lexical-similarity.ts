// Similarity of two questions from their words alone, for when no embedding model is present.
// A weighted Dice overlap: content words weigh 1, function words 0.2, so "capital of France" and
// "capital of Spain" are far apart while "what's the capital of France" and "tell me the capital
// of France" are close. Pure; scores are in [0, 1].
import type { Language } from '../../../shared/turn';
import { digitsForNumberWord } from './number-words';
import { normalizeQuestion, words } from './text-normalization';

const FUNCTION_WORDS = new Set([
  // English
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'does', 'did', 'of', 'to',
  'in', 'for', 'at', 'by', 'with', 'from', 'about', 'as', 'and', 'or', 'but', 'what', 'which',
  'who', 'how', 'why', 'where', 'when', 'me', 'you', 'it', 'its', 'this', 'that', 'these', 'those',
  'can', 'could', 'would', 'will', 'should', 'please', 'tell', 'say', 'know', 'i', 'my', 'your',
  'us', 'we', 'some', 'any', 'so', 'just', 'really', 'hey', 'ok', 'okay', 'there', 'here',
  'has', 'have', 'had', 'user', "user's",
  // Portuguese
  'o', 'os', 'as', 'um', 'uma', 'uns', 'umas', 'de', 'do', 'da', 'dos', 'das', 'em', 'no', 'na',
  'nos', 'nas', 'por', 'pelo', 'pela', 'para', 'pra', 'com', 'e', 'ou', 'mas', 'que', 'qual',
  'quais', 'quem', 'como', 'onde', 'quando', 'porque', 'é', 'são', 'foi', 'ser', 'está', 'estão',
  'me', 'eu', 'você', 'tu', 'meu', 'minha', 'seu', 'sua', 'isso', 'isto', 'esse', 'essa', 'este',
  'esta', 'aquilo', 'pode', 'podes', 'poderia', 'diga', 'diz', 'fala', 'sabe', 'se', 'lá', 'aí',
  'tem', 'têm', 'utilizador', 'usuário', 'usuária', 'favor', 'hum', 'né', 'um', 'uh', 'hmm',
]);

const FUNCTION_WEIGHT = 0.2;

/** A word reduced for comparison: a possessive "'s" and a plural "s" dropped. */
function stem(word: string): string {
  const base = word.replace(/'s$/, '');
  return base.length > 3 && base.endsWith('s') && !base.endsWith('ss') ? base.slice(0, -1) : base;
}

/** The content words of a normalized question, in order, as compared (numbers as digits, plurals stemmed). */
export function contentWords(text: string): string[] {
  return words(text)
    .filter((word) => !FUNCTION_WORDS.has(word))
    .map((word) => stem(digitsForNumberWord(word)));
}

function weightedBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of words(text)) {
    const weight = FUNCTION_WORDS.has(word) ? FUNCTION_WEIGHT : 1;
    const key = stem(digitsForNumberWord(word));
    bag.set(key, (bag.get(key) ?? 0) + weight);
  }
  return bag;
}

function total(bag: Map<string, number>): number {
  let sum = 0;
  for (const weight of bag.values()) sum += weight;
  return sum;
}

/** Weighted Dice coefficient between two already-normalized questions. */
export function lexicalSimilarityNormalized(a: string, b: string): number {
  if (a === b) return 1;
  const bagA = weightedBag(a);
  const bagB = weightedBag(b);
  const size = total(bagA) + total(bagB);
  if (size === 0) return 0;
  let shared = 0;
  for (const [word, weight] of bagA) shared += Math.min(weight, bagB.get(word) ?? 0);
  return (2 * shared) / size;
}

/** Lexical similarity of two questions as spoken. */
export function lexicalSimilarity(a: string, b: string, language: Language): number {
  return lexicalSimilarityNormalized(normalizeQuestion(a, language), normalizeQuestion(b, language));
}
