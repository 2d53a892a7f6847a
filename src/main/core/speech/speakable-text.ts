// What a reply's Markdown sounds like: the words without their marks. Emphasis and link syntax go,
// list items and headings become sentences, and code is not read out symbol by symbol — a code block
// is replaced by one short pointer to the screen, where it is shown. Works on the sentences the
// splitter cuts from the stream; fenced blocks, which span many sentences, are taken out of the
// stream before it is cut (CodeFenceFilter).
import type { Nodes, Parent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Language } from '../../../shared/turn';

/** Said once in place of a code block. */
export const CODE_POINTER: Record<Language, string> = {
  en: 'The code is on the screen.',
  pt: 'O código está na tela.',
};

/** Inline code short and word-like enough to say ("npm start", "useState") is kept. */
const SAYABLE_CODE = /^[\p{L}\p{N} ._:/-]{1,32}$/u;
const FENCE = /^\s{0,3}(```|~~~)/;

function endSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[.!?…:;]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
      return SAYABLE_CODE.test(node.value) ? node.value : '';
    case 'image':
      return node.alt ?? '';
    case 'break':
      return ' ';
    case 'html':
      return '';
    default:
      return 'children' in node ? (node as Parent).children.map((c) => inline(c as Nodes)).join('') : '';
  }
}

function block(node: Nodes, language: Language, out: string[]): void {
  switch (node.type) {
    case 'root':
    case 'blockquote':
    case 'list':
      for (const child of node.children) block(child as Nodes, language, out);
      return;
    case 'listItem':
      for (const child of node.children) {
        if (child.type === 'paragraph') out.push(endSentence(inline(child)));
        else block(child as Nodes, language, out);
      }
      return;
    case 'heading':
      out.push(endSentence(inline(node)));
      return;
    case 'paragraph':
      out.push(inline(node).trim());
      return;
    case 'code':
      out.push(CODE_POINTER[language]);
      return;
    case 'html':
    case 'thematicBreak':
    case 'definition':
      return;
    default:
      out.push(inline(node).trim());
  }
}

/** One piece of Markdown as plain words to speak; '' when nothing in it is worth saying. */
export function speakableText(markdown: string, language: Language): string {
  const out: string[] = [];
  block(fromMarkdown(markdown), language, out);
  return out
    .filter((s) => s !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Takes fenced code blocks out of a reply as it streams in, before it is cut into sentences: the
 * lines of a block become one pointer sentence. Only a line that may be starting a fence is held
 * back, so ordinary text flows through at once.
 */
export class CodeFenceFilter {
  #inFence = false;
  #line = '';
  #atLineStart = true;

  constructor(private readonly language: Language) {}

  push(chunk: string): string {
    let out = '';
    for (const char of chunk) {
      if (!this.#atLineStart) {
        if (!this.#inFence) out += char;
        if (char === '\n') this.#atLineStart = true;
        continue;
      }
      this.#line += char;
      if (char === '\n') {
        out += this.#endHeldLine();
        continue;
      }
      if (/^\s{0,3}[`~]*$/.test(this.#line)) continue; // may still become a fence
      if (FENCE.test(this.#line)) continue; // a fence line: wait for its end
      if (!this.#inFence) out += this.#line;
      this.#line = '';
      this.#atLineStart = false;
    }
    return out;
  }

  /** End of the reply: whatever line was held back. */
  flush(): string {
    return this.#line === '' ? '' : this.#endHeldLine();
  }

  #endHeldLine(): string {
    const line = this.#line;
    this.#line = '';
    this.#atLineStart = true;
    if (FENCE.test(line)) {
      this.#inFence = !this.#inFence;
      return this.#inFence ? `\n${CODE_POINTER[this.language]}\n` : '';
    }
    return this.#inFence ? '' : line;
  }
}
