// Sections of a Markdown (or plain text) file, split at ATX headings ("# Title"). The markup is
// kept: it is readable as it is, and its words are what people ask about. Pure.
import type { DocumentSection } from './document-types';
import { tidyText } from './html-text';

export function markdownSections(text: string): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let heading: string | null = null;
  let lines: string[] = [];
  let inFence = false;
  const flush = (): void => {
    const body = tidyText(lines.join('\n'));
    if (body) sections.push({ text: body, heading });
    lines = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) {
      flush();
      heading = match[1]!;
    }
    lines.push(line);
  }
  flush();
  return sections;
}

export function plainTextSections(text: string): DocumentSection[] {
  const body = tidyText(text);
  return body ? [{ text: body }] : [];
}
