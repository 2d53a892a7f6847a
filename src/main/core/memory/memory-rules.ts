// Pure decisions about memories: which turns are worth extracting facts from, which facts are part
// of the user's profile, and when an extracted fact repeats one already kept.
import type { Language } from '../../../shared/turn';
import { lexicalSimilarityNormalized } from '../store/lexical-similarity';
import { normalizeQuestion, words } from '../store/text-normalization';
import type { HistoryTurn } from '../store/types';
import type { MemoryKind } from './memory-store';

const SMALL_TALK_WORDS = new Set([
  'hi', 'hello', 'hey', 'hiya', 'yo', 'good', 'morning', 'afternoon', 'evening', 'night', 'bye', 'goodbye',
  'thanks', 'thank', 'you', 'ok', 'okay', 'yes', 'no', 'yeah', 'nope', 'sure', 'cool', 'great', 'nice',
  'how', 'are', 'is', 'it', 'going', 'doing', 'what', 'up', 'fine', 'well', 'see', 'later', 'cheers',
  'please', 'earshot', 'there', 'again', 'very', 'much', 'a', 'lot', 'all', 'right', 'alright',
  'olá', 'ola', 'oi', 'bom', 'boa', 'dia', 'tarde', 'noite', 'tchau', 'adeus', 'obrigado', 'obrigada',
  'valeu', 'sim', 'não', 'tudo', 'bem', 'como', 'vai', 'está', 'estás', 'você', 'ótimo', 'certo',
  'beleza', 'até', 'logo', 'mais', 'muito', 'e', 'aí', 'por', 'favor', 'de', 'nada', 'tu', 'comigo', 'contigo',
]);

const FIRST_PERSON = new Set([
  'i', 'me', 'my', 'mine', 'myself', 'we', 'our', 'ours', 'us', "i'm", "i've", "i'd", "i'll",
  'eu', 'meu', 'minha', 'meus', 'minhas', 'mim', 'comigo', 'nós', 'nosso', 'nossa', 'moro', 'chamo', 'sou', 'tenho', 'gosto', 'trabalho',
  // Portuguese drops the subject: first-person verb forms say "I" on their own.
  'prefiro', 'estou', 'estava', 'bebo', 'vou', 'fui', 'nasci', 'cresci', 'morei', 'trabalhei', 'estudo', 'estudei', 'faço',
  'quero', 'preciso', 'odeio', 'adoro', 'amo', 'uso', 'tive', 'casei', 'mudei', 'jogo', 'toco', 'corro', 'lembre', 'lembra',
]);

/** Greetings, thanks, goodbyes and "how are you": nothing about the user to remember. */
export function isSmallTalk(transcript: string, language: Language): boolean {
  const ws = words(normalizeQuestion(transcript, language));
  return ws.length === 0 || (ws.length <= 8 && ws.every((w) => SMALL_TALK_WORDS.has(w)));
}

/** Whether a finished turn may hold facts about the user: not small talk, and the user speaks of themself. */
export function isWorthExtracting(turn: HistoryTurn): boolean {
  if (isSmallTalk(turn.transcript, turn.language)) return false;
  const ws = words(normalizeQuestion(turn.transcript, turn.language));
  return ws.some((w) => FIRST_PERSON.has(w));
}

const PROFILE_PATTERNS = [
  /\b(name|called|nickname)\b/i,
  /\b(lives?|living|born|from|moved) (in|to|at)\b/i,
  /\b(works?|working) (as|at|for|in)\b/i,
  /\b(prefers?|likes?|loves?|hates?|dislikes?|allergic|vegetarian|vegan)\b/i,
  /\b(pronouns?|birthday|age|years old|speaks|language)\b/i,
  /\b(chama|chamo|nome|apelido|mora|moro|vive|nasceu|trabalha|prefere|gosta|detesta|alérgic[oa]|vegetarian[oa]|aniversário|anos de idade|fala)\b/iu,
];

/** Profile facts (name, home, work, preferences) go into every prompt; other facts only when relevant. */
export function classifyFact(text: string): MemoryKind {
  return PROFILE_PATTERNS.some((p) => p.test(text)) ? 'profile' : 'fact';
}

/** Whether an extracted fact says what a kept one already says. */
export function isDuplicateFact(candidate: string, existing: readonly string[], language: Language = 'en', threshold = 0.85): boolean {
  const a = normalizeQuestion(candidate, language);
  return existing.some((e) => {
    const b = normalizeQuestion(e, language);
    return a === b || lexicalSimilarityNormalized(a, b) >= threshold;
  });
}

/** A short follow-up ("and tomorrow?", "what about her?") is retrieved together with the previous question. */
export function retrievalQuery(transcript: string, recent: readonly HistoryTurn[]): string {
  const last = recent.at(-1);
  const short = transcript.trim().split(/\s+/).length <= 3;
  return short && last ? `${last.transcript} ${transcript}`.trim() : transcript.trim();
}
