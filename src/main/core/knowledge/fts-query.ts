// A spoken or typed question as an FTS5 query: its content words, each quoted (so no word is read
// as FTS syntax) and joined by OR, so BM25 ranks chunks that share more and rarer words higher.
// Pure.

const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from about into over is are was were be been being am do does did ' +
    'have has had i me my you your he she it its we our they them their this that these those what which who whom whose ' +
    'how why when where can could should would will shall may might must not no yes so than then there here as just ' +
    'tell say please know want need use using get make any some all more most much many also very one' +
    ' o a os as um uma uns umas de do da dos das em no na nos nas por para com sem que qual quais quem como quando onde ' +
    'porque é são foi ser estar está eu você voce ele ela nós eles elas meu minha seu sua isso isto esse essa este esta ' +
    'e ou mas se me te lhe nao não sim pode posso'
  ).split(/\s+/),
);

/** Lower-case content words of a text, in order, without repeats. */
export function queryTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(terms.length > 0 ? terms : words)];
}

/** The MATCH expression, or null when the text has no words at all. */
export function ftsMatchExpression(text: string): string | null {
  const terms = queryTerms(text);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}
