// Whether an answer may be cached or served from the cache. Pure decisions.
import type { Language } from '../../../shared/turn';
import type { ResponseQuery } from './types';
import { contentWords } from './lexical-similarity';
import { numberWordValue } from './number-words';
import { normalizeQuestion, words } from './text-normalization';

export type CacheRefusal = 'used_context' | 'time_sensitive' | 'empty';

/** Questions whose answer changes with the clock or the calendar. Patterns run on normalized text. */
const TIME_SOURCES: Record<Language, RegExp[]> = {
  en: [
    /\b(now|today|tonight|tomorrow|yesterday|currently|nowadays|latest)\b/,
    /\bwhat (time|day|date|month|year)\b/,
    /\bwhich (day|date|month|year)\b/,
    /\b(the )?time is it\b/,
    /\bthe (time|date)\b/,
    /\bthis (morning|afternoon|evening|week|weekend|month|year)\b/,
    /\b(current|right now|at the moment)\b/,
    /\b(next|last) (week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/,
    /\bhow (long|many days) (until|till|since|ago)\b/,
  ],
  pt: [
    /\b(agora|hoje|amanhã|ontem|atualmente|hoje em dia)\b/u,
    /\bque (horas|dia|data|mês|ano)\b/u,
    /\b(qual|quais) (é )?(a )?(hora|data|dia)\b/u,
    /\bhoras são\b/u,
    /\b(esta|nesta|essa|nessa) (manhã|tarde|noite|semana)\b/u,
    /\b(este|neste|esse|nesse) (mês|ano|fim de semana)\b/u,
    /\b(atual|neste momento|no momento)\b/u,
    /\b(próxima|próximo|última|último|passada|passado) (semana|mês|ano|segunda|terça|quarta|quinta|sexta|sábado|domingo)\b/u,
    /\bquant(os|as) (dias|horas) (faltam|até|desde)\b/u,
  ],
};

/**
 * JavaScript's \b only knows ASCII letters ("amanhã" has no \b after the ã). Normalized text is
 * words separated by single spaces, so a word edge is a space or an end of the text.
 */
const WORD_EDGE = '(?:(?<=^|\\s)|(?=\\s|$))';
const TIME_PATTERNS: Record<Language, RegExp[]> = {
  en: TIME_SOURCES.en.map((p) => new RegExp(p.source.replaceAll('\\b', WORD_EDGE), 'u')),
  pt: TIME_SOURCES.pt.map((p) => new RegExp(p.source.replaceAll('\\b', WORD_EDGE), 'u')),
};

/** True when the answer to this question depends on the date or time it is asked. */
export function isTimeSensitive(question: string, language: Language): boolean {
  const text = normalizeQuestion(question, language);
  // Check both languages: detection can mislabel a short question.
  return [...TIME_PATTERNS[language], ...TIME_PATTERNS[language === 'en' ? 'pt' : 'en']].some((p) => p.test(text));
}

/** Why this question/answer pair must not go into the cache or come out of it; null when it may. */
export function cacheRefusal(query: ResponseQuery, reply?: string): CacheRefusal | null {
  if (query.usedContext) return 'used_context';
  if (normalizeQuestion(query.question, query.language).length === 0) return 'empty';
  if (reply !== undefined && reply.trim().length === 0) return 'empty';
  if (isTimeSensitive(query.question, query.language)) return 'time_sensitive';
  return null;
}

/** Words that flip or steer the meaning: two questions differing in one of these want different answers. */
const POLARITY_WORDS = new Set([
  // English negation
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'without', 'neither', 'nor',
  // English opposites that commands turn on
  'on', 'off', 'up', 'down', 'out', 'open', 'close', 'start', 'stop', 'enable', 'disable',
  'increase', 'decrease', 'more', 'less', 'before', 'after', 'add', 'remove', 'lock', 'unlock',
  'mute', 'unmute', 'max', 'min', 'maximum', 'minimum', 'higher', 'lower', 'louder', 'quieter',
  'first', 'last', 'next', 'previous', 'yes', 'left', 'right', 'hot', 'cold', 'warm', 'cool',
  // Portuguese negation
  'não', 'nunca', 'nada', 'nenhum', 'nenhuma', 'ninguém', 'sem', 'nem', 'jamais',
  // Portuguese opposites
  'ligar', 'liga', 'ligue', 'desligar', 'desliga', 'desligue', 'abrir', 'abre', 'abra', 'fechar',
  'fecha', 'feche', 'aumentar', 'aumenta', 'aumente', 'diminuir', 'diminui', 'diminua', 'mais',
  'menos', 'antes', 'depois', 'subir', 'sobe', 'descer', 'desce', 'começar', 'começa', 'parar', 'pare',
  'ativar', 'ativa', 'desativar', 'desativa', 'adicionar', 'remover', 'tirar',
  'sim', 'esquerda', 'direita', 'primeiro', 'primeira', 'último', 'última', 'próximo', 'próxima',
  'quente', 'frio', 'fria',
  // Tense: "who was" and "who is" the president want different answers
  'was', 'were', 'will', 'did', 'had', 'foi', 'foram', 'era', 'eram', 'será', 'serão', 'seria', 'vai', 'vão', 'iria',
]);

/** The numbers a normalized question mentions, as digits or words, in the order they are said ("10 divided by 2" ≠ "2 divided by 10"). */
export function mentionedNumbers(normalized: string): number[] {
  const found: number[] = [];
  for (const word of words(normalized)) {
    const digits = word.replace(/,/g, '');
    if (/^\d+(\.\d+)?(st|nd|rd|th|º|ª)?$/.test(digits)) found.push(Number.parseFloat(digits));
    else {
      const value = numberWordValue(word);
      if (value !== null) found.push(value);
    }
  }
  return found;
}

function polarityWords(normalized: string): string {
  return words(normalized)
    .map((w) => (w.endsWith("n't") ? 'not' : w))
    .filter((w) => POLARITY_WORDS.has(w))
    .sort()
    .join(' ');
}

/**
 * Whether a cached question may answer a similar one: both must mention the same numbers and the
 * same negation/direction words ("turn on" ≠ "turn off", "5 minutes" ≠ "15 minutes").
 */
export function isSemanticMatchSafe(question: string, cachedQuestion: string, language: Language): boolean {
  const a = normalizeQuestion(question, language);
  const b = normalizeQuestion(cachedQuestion, language);
  if (polarityWords(a) !== polarityWords(b)) return false;
  const na = mentionedNumbers(a);
  const nb = mentionedNumbers(b);
  if (na.length !== nb.length || na.some((n, i) => n !== nb[i])) return false;
  return sameOrder(contentWords(a), contentWords(b));
}

/** The words both questions share come in the same order ("miles to kilometres" ≠ "kilometres to miles"). */
function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  const inB = new Set(b);
  const inA = new Set(a);
  const sharedA = a.filter((w) => inB.has(w));
  const sharedB = b.filter((w) => inA.has(w));
  return sharedA.length === sharedB.length && sharedA.every((w, i) => w === sharedB[i]);
}

/** Words that point back into the conversation ("it", "that one", "isso", "dela"). */
const BACK_REFERENCES: Record<Language, ReadonlySet<string>> = {
  en: new Set(['it', 'its', 'that', 'this', 'these', 'those', 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her', 'hers', 'another', 'again', 'else', 'same', 'previous', 'above', 'earlier', 'former', 'latter']),
  pt: new Set(['isso', 'isto', 'aquilo', 'ele', 'ela', 'eles', 'elas', 'dele', 'dela', 'deles', 'delas', 'nele', 'nela', 'disso', 'nisso', 'outro', 'outra', 'outros', 'outras', 'mesmo', 'mesma', 'novamente', 'anterior', 'acima']),
};
/**
 * Words that make the question about the user or this conversation ("what's my name?", "resuma a
 * nossa conversa"): its answer comes from history and memories, which change.
 */
const ABOUT_US: Record<Language, ReadonlySet<string>> = {
  // Not "we"/"our"/"nós"/"nosso": "why do we have leap years?", "o nosso sistema solar" are general.
  en: new Set(['i', "i'm", "i've", "i'd", "i'll", 'my', 'mine', 'myself', 'your', 'yours', 'last', 'summarize', 'summarise', 'repeat', 'conversation']),
  pt: new Set(['eu', 'meu', 'minha', 'meus', 'minhas', 'mim', 'comigo', 'último', 'última', 'resuma', 'resumir', 'repita', 'repetir', 'conversa']),
};

/** Openings that continue the previous turn ("and tomorrow?", "e amanhã?"). */
const CONTINUATIONS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['and', 'but', 'so', 'also', 'then', 'or', 'what about', 'how about', 'why not']),
  pt: new Set(['e', 'mas', 'então', 'também', 'ou', 'e quanto', 'e se']),
};

/**
 * True when the question may lean on earlier turns — a follow-up, a back-reference, or too short to
 * stand alone — so its answer depends on conversation context and must not be cached or served.
 */
export function refersToConversation(question: string, language: Language): boolean {
  const tokens = words(normalizeQuestion(question, language));
  if (tokens.length === 0) return false;
  if (tokens.length <= 2) return true;
  const opening = [tokens[0], tokens.slice(0, 2).join(' ')];
  const both = [language, language === 'en' ? 'pt' : 'en'] as const;
  if (both.some((l) => opening.some((o) => o !== undefined && CONTINUATIONS[l].has(o)))) return true;
  return tokens.some((t) => both.some((l) => BACK_REFERENCES[l].has(t) || ABOUT_US[l].has(t)));
}
