// Picks English or Portuguese for typed text when the language setting is "auto".
import type { Language, LanguageSetting } from '../../../shared/turn';

const PT_WORDS = new Set([
  'o', 'a', 'os', 'as', 'um', 'uma', 'de', 'do', 'da', 'dos', 'das', 'em', 'no', 'na', 'que', 'é', 'não', 'sim',
  'como', 'você', 'voce', 'eu', 'meu', 'minha', 'para', 'pra', 'por', 'com', 'qual', 'quais', 'quando', 'onde',
  'olá', 'ola', 'oi', 'obrigado', 'obrigada', 'tudo', 'bem', 'bom', 'dia', 'tarde', 'noite', 'hoje', 'agora',
  'está', 'esta', 'estou', 'são', 'tem', 'fazer', 'isso', 'isto', 'muito', 'mais', 'também', 'porque', 'quem',
]);
const EN_WORDS = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'is', 'are', 'was', 'what', 'how', 'why', 'who', 'when', 'where',
  'you', 'i', 'my', 'your', 'do', 'does', 'can', 'could', 'would', 'please', 'hello', 'hi', 'thanks', 'thank',
  'it', 'this', 'that', 'and', 'or', 'for', 'with', 'today', 'now', 'tell', 'me', 'about', 'time', 'good',
]);

export function guessLanguage(text: string, setting: LanguageSetting, fallback: Language = 'en'): Language {
  if (setting !== 'auto') return setting;
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let pt = /[ãõçâêô]/u.test(text) ? 2 : 0;
  let en = 0;
  for (const word of words) {
    if (PT_WORDS.has(word)) pt += 1;
    if (EN_WORDS.has(word)) en += 1;
  }
  if (pt === en) return fallback;
  return pt > en ? 'pt' : 'en';
}
