// Text out of a file's bytes, by type: txt and md as they are, html through its tags, pdf through
// its text layer (page by page), docx through mammoth's HTML. A file that cannot give text raises
// DocumentSkipped with a reason a person can act on; nothing here stops the other files.
import { extractText, getDocumentProxy } from 'unpdf';
import mammoth from 'mammoth';
import { DocumentSkipped, type DocumentSection, type DocumentType } from './document-types';
import { htmlSections, tidyText } from './html-text';
import { markdownSections, plainTextSections } from './markdown-text';

function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function pdfSections(bytes: Uint8Array): Promise<DocumentSection[]> {
  let pages: string[];
  try {
    // verbosity 0: pdf.js otherwise prints its own warnings to the console for damaged files.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    throw new DocumentSkipped({ code: 'damaged', message: `The PDF could not be opened (${error instanceof Error ? error.message : String(error)}); it may be damaged or password-protected.` });
  }
  const sections = pages.map((text, i) => ({ text: tidyText(text), page: i + 1 })).filter((s) => s.text.length > 0);
  if (sections.length === 0) {
    throw new DocumentSkipped({ code: 'no_text_layer', message: 'The PDF has no text layer (it is probably scanned images); run it through OCR first to make it searchable.' });
  }
  return sections;
}

async function docxSections(bytes: Uint8Array): Promise<DocumentSection[]> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new DocumentSkipped({ code: 'damaged', message: `The Word document could not be read (${error instanceof Error ? error.message : String(error)}); it may be damaged or not really a .docx file.` });
  }
  return htmlSections(html);
}

export async function extractSections(type: DocumentType, bytes: Uint8Array): Promise<DocumentSection[]> {
  let sections: DocumentSection[];
  switch (type) {
    case 'txt':
      sections = plainTextSections(decodeText(bytes));
      break;
    case 'md':
      sections = markdownSections(decodeText(bytes));
      break;
    case 'html':
      sections = htmlSections(decodeText(bytes));
      break;
    case 'pdf':
      sections = await pdfSections(bytes);
      break;
    case 'docx':
      sections = await docxSections(bytes);
      break;
  }
  if (sections.length === 0) throw new DocumentSkipped({ code: 'empty', message: 'The file has no text to index.' });
  return sections;
}
