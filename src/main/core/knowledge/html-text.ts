// Text of an HTML page (or of a .docx converted to HTML), one section per heading. Scripts,
// styles and navigation chrome carry no answers, so they are left out. Pure.
import { Parser } from 'htmlparser2';
import type { DocumentSection } from './document-types';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'head']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'li', 'tr', 'br', 'pre', 'blockquote', 'table', 'ul', 'ol', 'dd', 'dt', 'header', 'footer', 'main', 'title']);

/** Collapses runs of spaces inside lines and of blank lines between paragraphs. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function htmlSections(html: string): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let heading: string | null = null;
  let body = '';
  let headingText: string | null = null;
  let skipDepth = 0;

  const flush = (): void => {
    const text = tidyText(body);
    if (text) sections.push({ text, heading });
    body = '';
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth += 1;
        else if (HEADINGS.has(name)) {
          flush();
          headingText = '';
        } else if (BLOCKS.has(name)) body += '\n\n';
      },
      ontext(text) {
        if (skipDepth > 0) return;
        if (headingText !== null) headingText += text;
        else body += text;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (HEADINGS.has(name) && headingText !== null) {
          heading = tidyText(headingText) || heading;
          // The heading's words are part of what the section is about: keep them searchable.
          body += `${heading ?? ''}\n\n`;
          headingText = null;
        } else if (BLOCKS.has(name)) body += '\n\n';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return sections;
}
