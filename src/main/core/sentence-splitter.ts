// Turns a stream of LLM tokens into speakable sentences as early as they are known to be complete.
// Sentence boundaries come from Intl.Segmenter for the reply's language; segments that end in a
// known abbreviation ("Dr.", "Sr.", "p.m.") are joined to the next. The first piece may be a short
// clause ("Sure, …") so speech can start before the first sentence is finished.
import type { Language } from '../../shared/turn';

const ABBREVIATIONS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'st.', 'jr.', 'sr.', 'vs.', 'etc.', 'e.g.', 'i.e.', 'a.m.', 'p.m.', 'no.', 'approx.', 'inc.', 'ltd.', 'mt.', 'ft.']),
  pt: new Set(['sr.', 'sra.', 'srta.', 'dr.', 'dra.', 'prof.', 'profa.', 'av.', 'nº.', 'n.', 'etc.', 'ex.', 'p.', 'pág.', 'vol.', 'cap.', 'obs.', 'a.c.', 'd.c.', 'ltda.', 'cia.']),
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

const CLAUSE_BREAK = /[,;:—–](?=\s)/g;
const TERMINATED = /[.!?…。！？]["'”’)\]]*\s+$/u;

/** True when a segment ends in an abbreviation or an initial, so it does not end a sentence. */
export function endsWithAbbreviation(segment: string, language: Language): boolean {
  const words = segment.trimEnd().split(/\s+/);
  const last = (words[words.length - 1] ?? '').toLowerCase();
  if (!last.endsWith('.')) return false;
  if (/^\p{L}\.$/u.test(last)) return true; // an initial: "J."
  return ABBREVIATIONS[language].has(last);
}

function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

export class SentenceSplitter {
  private buffer = '';
  private emitted = 0;
  private readonly segmenter: Intl.Segmenter;
  private readonly options: Required<SplitterOptions>;

  constructor(options: SplitterOptions) {
    this.options = { firstClauseMinWords: 4, firstClauseMinChars: 18, maxSentenceChars: 220, ...options };
    this.segmenter = new Intl.Segmenter(options.language === 'pt' ? 'pt-BR' : 'en', { granularity: 'sentence' });
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
    const pieces = this.completeSegments(final);
    for (const piece of pieces) this.take(piece, out);
    if (!final && this.emitted === 0 && out.length === 0) {
      const clause = this.firstClause();
      if (clause) this.take(clause, out);
    }
    if (!final) {
      const forced = this.forcedCut();
      if (forced) this.take(forced, out);
    }
    return out;
  }

  private take(raw: string, out: string[]): void {
    this.buffer = this.buffer.slice(raw.length);
    const sentence = raw.trim();
    // Pieces with nothing to say (blank lines, a stray "...") are dropped.
    if (/[\p{L}\p{N}]/u.test(sentence)) {
      out.push(sentence);
      this.emitted += 1;
    }
  }

  /** Raw prefixes of the buffer that are whole sentences (with their trailing space). */
  private completeSegments(final: boolean): string[] {
    const segments = [...this.segmenter.segment(this.buffer)].map((s) => s.segment);
    const result: string[] = [];
    let pending = '';
    segments.forEach((segment, i) => {
      pending += segment;
      const isLast = i === segments.length - 1;
      const complete = !isLast || final || TERMINATED.test(segment);
      if (!complete) return;
      if (!final && endsWithAbbreviation(pending, this.options.language)) return;
      if (isLast && !final && !TERMINATED.test(pending)) return;
      result.push(pending);
      pending = '';
    });
    if (final && pending !== '') result.push(pending);
    return result;
  }

  private firstClause(): string | null {
    const { firstClauseMinWords, firstClauseMinChars } = this.options;
    for (const match of this.buffer.matchAll(CLAUSE_BREAK)) {
      const end = (match.index ?? 0) + match[0].length;
      const clause = this.buffer.slice(0, end);
      if (wordCount(clause) >= firstClauseMinWords && clause.trim().length >= firstClauseMinChars) {
        return clause + (this.buffer.slice(end).match(/^\s+/)?.[0] ?? '');
      }
    }
    return null;
  }

  private forcedCut(): string | null {
    const { maxSentenceChars } = this.options;
    if (this.buffer.length <= maxSentenceChars) return null;
    const head = this.buffer.slice(0, maxSentenceChars);
    const clauseEnd = Math.max(...[...head.matchAll(CLAUSE_BREAK)].map((m) => (m.index ?? 0) + m[0].length), -1);
    const cut = clauseEnd > maxSentenceChars / 3 ? clauseEnd : head.lastIndexOf(' ');
    return cut > 0 ? this.buffer.slice(0, cut + 1) : null;
  }
}
