import { describe, expect, it } from 'vitest';
import { documentTypeOf } from '../../../src/main/core/knowledge/document-types';
import { htmlSections } from '../../../src/main/core/knowledge/html-text';
import { markdownSections } from '../../../src/main/core/knowledge/markdown-text';

describe('document text', () => {
  it('knows the five types by extension, in any case', () => {
    expect(['a.TXT', 'b.md', 'c.htm', 'd.PDF', 'e.docx', 'f.doc', 'g'].map(documentTypeOf)).toEqual(['txt', 'md', 'html', 'pdf', 'docx', null, null]);
  });

  it('splits Markdown at headings, but not at a # inside a code block', () => {
    const sections = markdownSections('Intro line\n\n# Setup\nRun it.\n```sh\n# not a heading\n```\n## Use\nCall it.');
    expect(sections.map((s) => s.heading)).toEqual([null, 'Setup', 'Use']);
    expect(sections[1]!.text).toContain('# not a heading');
  });

  it('reads HTML text under its headings, without scripts, styles or entities', () => {
    const sections = htmlSections('<html><head><title>T</title><style>p{}</style></head><body><p>Lead &amp; intro</p><h2>Boiler</h2><p>Bleed the <b>radiators</b>.</p><script>alert(1)</script></body></html>');
    expect(sections).toEqual([
      { text: 'Lead & intro', heading: null },
      { text: 'Boiler\n\nBleed the radiators.', heading: 'Boiler' },
    ]);
  });
});
