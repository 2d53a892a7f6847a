// Turns a stream of LLM tokens into speakable sentences as early as they are known to be complete.
// Sentence boundaries come from Intl.Segmenter for the reply's language; segments that end in a
// known abbreviation ("Dr.", "Sr.", "p.m.") are joined to the next. A full stop after a word ends a
// sentence at once, without waiting for the next token. The first piece may be a clause ("Sure, …")
// or a long first sentence's opening phrase ("The sky looks blue | because …"), so speech starts
// before the first sentence is finished. The pieces do not depend on how the text was streamed:
// a cached reply, pushed whole, is split as it was when it streamed in (and hits the TTS cache).
import type { Language } from '../../../shared/turn';

const ABBREVIATIONS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'st.', 'jr.', 'sr.', 'vs.', 'etc.', 'e.g.', 'i.e.', 'a.m.', 'p.m.', 'no.', 'approx.', 'inc.', 'ltd.', 'mt.', 'ft.']),
  pt: new Set(['sr.', 'sra.', 'srta.', 'dr.', 'dra.', 'prof.', 'profa.', 'av.', 'nº.', 'n.', 'etc.', 'ex.', 'p.', 'pág.', 'vol.', 'cap.', 'obs.', 'a.c.', 'd.c.', 'ltda.', 'cia.', 'séc.', 'aprox.', 'sta.', 'sto.', 'tel.']),
};

/** Intl.Segmenter's locale for each reply language. */
const SEGMENTER_LOCALES: Record<Language, string> = { en: 'en', pt: 'pt-BR' };

/** Words that open a clause: the first piece may end before one. */
const CLAUSE_OPENERS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['because', 'but', 'which', 'while', 'when', 'whereas', 'although', 'since', 'unless', 'until']),
  pt: new Set(['porque', 'pois', 'mas', 'quando', 'enquanto', 'embora']),
};

/** Words that open a phrase: the first piece may end before one when it has two words more than for a clause. */
const PHRASE_OPENERS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['in', 'on', 'at', 'by', 'with', 'from', 'for', 'into', 'during', 'after', 'before', 'through', 'across', 'without', 'within', 'above', 'below', 'between', 'against']),
  pt: new Set(['em', 'no', 'na', 'nos', 'nas', 'com', 'por', 'pelo', 'pela', 'para', 'sem', 'sobre', 'entre', 'durante', 'desde']),
};

export interface SplitterOptions {
  language: Language;
  /** The first piece may end at a clause break once it has this many words. */
  firstClauseMinWords?: number;
  /** …and this many characters. */
  firstClauseMinChars?: number;
  /** Text without any boundary is cut at a clause or word break past this length. */
  maxSentenceChars?: number;
}

/** A clause break: punctuation before a space, or after a word at the end of what has come so far. */
const CLAUSE_BREAK = /[,;:—–](?=\s)|(?<=\p{L})[,;:—–]$/gu;
/**
 * A word after a space, followed by a space or the end of what has come so far: the candidates for
 * the word that opens a phrase. (A token that ends inside a longer word — " in" before "side" —
 * still cuts at a word break, just not at a phrase; tokenizers rarely split common words so.)
 */
const NEXT_WORD = /\s(\p{L}+)(?=\s|$)/gu;
const TERMINATED = /[.!?…。！？]["'”’)\]]*\s+$/u;
/**
 * Ends a sentence with nothing after it yet: "?" or "!", or a full stop right after a word of two or
 * more letters ("blue.", not "3.", "J." or "U.S."; listed abbreviations are ruled out separately).
 */
const ENDED = /(?:[!?！？。]|(?<=(?:^|[\s"'“‘(])\p{L}{2,})\.)["'”’)\]]*$/u;

/** True when a segment ends in an abbreviation or an initial, so it does not end a sentence. */
export function endsWithAbbreviation(segment: string, language: Language): boolean {
  const words = segment.trimEnd().split(/\s+/);
  const word = words[words.length - 1] ?? '';
  // An initial is a capital ("J."); "é." ends a Portuguese sentence ("Você sabe o que é."), and so
  // does "É." said on its own. (Every abbreviation listed ends in a full stop too.)
  if (/^\p{Lu}\.$/u.test(word) && !(language === 'pt' && (word === 'É.' || word === 'À.'))) return true;
  return ABBREVIATIONS[language].has(word.toLowerCase());
}

function wordCount(text: string): number {
  return text.match(/\S+/gu)?.length ?? 0;
}

export class SentenceSplitter {
  private buffer = '';
  /** Whether a piece has been said yet: only the first may be a clause. */
  private spoke = false;
  private readonly segmenter: Intl.Segmenter;
  private readonly options: Required<SplitterOptions>;

  constructor(options: SplitterOptions) {
    this.options = { firstClauseMinWords: 4, firstClauseMinChars: 18, maxSentenceChars: 220, ...options };
    this.segmenter = new Intl.Segmenter(SEGMENTER_LOCALES[options.language], { granularity: 'sentence' });
  }

  /** Adds streamed text; returns the sentences completed by it, in order. */
  push(text: string): string[] {
    this.buffer += text;
    return this.drain(false);
  }

  /** End of the stream: returns whatever is left as a final sentence. */
  flush(): string[] {
    return this.drain(true);
  }

  private drain(final: boolean): string[] {
    const out: string[] = [];
    if (!this.spoke) {
      // The first piece is whichever ends first: the first sentence or a clause inside it.
      const clause = this.firstClause();
      const sentence = this.completeSegments(final)[0];
      if (clause && (sentence === undefined || clause.length < sentence.length)) this.take(clause, out);
    }
    for (const piece of this.completeSegments(final)) this.take(piece, out);
    // After a flush the buffer is empty, so this cuts only text still streaming.
    this.take(this.forcedCut(), out);
    return out;
  }

  private take(raw: string, out: string[]): void {
    this.buffer = this.buffer.slice(raw.length);
    const sentence = raw.trim();
    // Pieces with nothing to say (blank lines, a stray "...") are dropped.
    if (/[\p{L}\p{N}]/u.test(sentence)) {
      out.push(sentence);
      this.spoke = true;
    }
  }

  /** Raw prefixes of the buffer that are whole sentences (with their trailing space). */
  private completeSegments(final: boolean): string[] {
    const segments = [...this.segmenter.segment(this.buffer)].map((s) => s.segment);
    const result: string[] = [];
    let pending = '';
    segments.forEach((segment, i) => {
      pending += segment;
      const last = i === segments.length - 1;
      // The end of the stream completes whatever is left. Before it, a segment that ends in an
      // abbreviation ("Dr.") runs on into the next, and the last one waits until it ends a sentence.
      if (!(last && final)) {
        if (endsWithAbbreviation(pending, this.options.language)) return;
        if (last && !TERMINATED.test(pending) && !ENDED.test(pending)) return;
      }
      result.push(pending);
      pending = '';
    });
    return result;
  }

  /** The earliest clause long enough to speak alone: up to a clause break, or before an opening word. */
  private firstClause(): string | null {
    const { firstClauseMinWords, firstClauseMinChars, language } = this.options;
    const cuts: Array<{ end: number; minWords: number }> = [];
    for (const match of this.buffer.matchAll(CLAUSE_BREAK)) cuts.push({ end: (match.index ?? 0) + match[0].length, minWords: firstClauseMinWords });
    for (const match of this.buffer.matchAll(NEXT_WORD)) {
      const word = match[0].trim().toLowerCase();
      const extra = CLAUSE_OPENERS[language].has(word) ? 0 : PHRASE_OPENERS[language].has(word) ? 2 : null;
      if (extra !== null) cuts.push({ end: match.index ?? 0, minWords: firstClauseMinWords + extra });
    }
    cuts.sort((a, b) => a.end - b.end);
    for (const { end, minWords } of cuts) {
      const clause = this.buffer.slice(0, end);
      // The space after the clause stays in the buffer; the next piece is trimmed.
      if (wordCount(clause) >= minWords && clause.trim().length >= firstClauseMinChars) return clause;
    }
    return null;
  }

  /** Text past the length limit with no sentence end: cut at a late clause break, else the last space ('' when neither). */
  private forcedCut(): string {
    const { maxSentenceChars } = this.options;
    if (this.buffer.length <= maxSentenceChars) return '';
    const head = this.buffer.slice(0, maxSentenceChars);
    const clauseEnd = Math.max(0, ...[...head.matchAll(CLAUSE_BREAK)].map((m) => (m.index ?? 0) + m[0].length));
    const cut = clauseEnd > maxSentenceChars / 3 ? clauseEnd : head.lastIndexOf(' ');
    return this.buffer.slice(0, cut + 1);
  }
}
