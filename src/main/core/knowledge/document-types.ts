// What extraction yields and what a skipped file is told: shared by the extractors, the ingest and
// the CLI.

export const DOCUMENT_TYPES = ['txt', 'md', 'html', 'pdf', 'docx'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const EXTENSIONS: Record<string, DocumentType> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** The document type of a file name, or null when Earshot cannot read it. */
export function documentTypeOf(path: string): DocumentType | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  return EXTENSIONS[path.slice(dot).toLowerCase()] ?? null;
}

/** A run of text under one heading (or on one PDF page). */
export interface DocumentSection {
  text: string;
  heading?: string | null;
  page?: number | null;
}

export const SKIP_CODES = ['unsupported_format', 'unreadable', 'no_text_layer', 'empty', 'damaged', 'too_large'] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

/** Why a file was left out, for the person who added it. */
export interface SkipReason {
  code: SkipCode;
  message: string;
}

export class DocumentSkipped extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason.message);
    this.name = 'DocumentSkipped';
  }
}
