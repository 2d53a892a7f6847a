// Numbers said as words, in English and Portuguese, so "five minutes" and "5 minutes" compare equal.

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100, thousand: 1000, million: 1e6, half: 0.5, dozen: 12,
  // "um"/"uma" are left out: mostly the article ("um bolo"), and "um" is English filler too.
  dois: 2, duas: 2, três: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9,
  dez: 10, onze: 11, doze: 12, treze: 13, catorze: 14, quatorze: 14, quinze: 15, dezesseis: 16,
  dezasseis: 16, dezessete: 17, dezassete: 17, dezoito: 18, dezenove: 19, dezanove: 19, vinte: 20,
  trinta: 30, quarenta: 40, cinquenta: 50, sessenta: 60, setenta: 70, oitenta: 80, noventa: 90,
  cem: 100, cento: 100, mil: 1000, milhão: 1e6, meia: 0.5, meio: 0.5,
};

/** The value of a number word ("five", "cinco"), or null. */
export function numberWordValue(word: string): number | null {
  return Object.hasOwn(NUMBER_WORDS, word) ? NUMBER_WORDS[word]! : null;
}

/** A word with number words turned into digits ("five" → "5"); other words unchanged. */
export function digitsForNumberWord(word: string): string {
  const value = numberWordValue(word);
  return value === null ? word : String(value);
}
