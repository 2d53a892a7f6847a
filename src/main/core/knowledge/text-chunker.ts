// Splits a document's sections into overlapping chunks no longer than the preset's size, breaking
// at the coarsest separator that fits (paragraph, line, sentence, word) so a chunk rarely ends
// mid-sentence. Each chunk keeps its section's heading and page. Pure.
import type { ChunkPreset } from './chunk-presets';
import type { DocumentSection } from './document-types';

export interface TextChunk {
  text: string;
  heading: string | null;
  page: number | null;
  /** Order of the chunk in its file, from 0. */
  position: number;
}

/** Pieces no longer than `size`, each keeping the separator that ended it, in order. */
function splitPieces(text: string, size: number, separators: readonly string[]): string[] {
  if (text.length <= size) return [text];
  const index = separators.findIndex((s) => s === '' || text.includes(s));
  const separator = separators[index] ?? '';
  const finer = separators.slice(index + 1);
  if (separator === '') {
    const out: string[] = [];
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
    return out;
  }
  const parts = text.split(separator);
  return parts.flatMap((part, i) => {
    const piece = i < parts.length - 1 ? part + separator : part;
    if (piece.length === 0) return [];
    return piece.length <= size ? [piece] : splitPieces(piece, size, finer);
  });
}

/** Merges pieces into chunks up to `size`, starting each new chunk with up to `overlap` characters of the previous one's tail pieces. */
function mergePieces(pieces: readonly string[], size: number, overlap: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length + piece.length > size && current.length > 0) {
      chunks.push(current.join(''));
      const carried: string[] = [];
      let carriedLength = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const p = current[i]!;
        if (carriedLength + p.length > overlap || carriedLength + p.length + piece.length > size) break;
        carried.unshift(p);
        carriedLength += p.length;
      }
      current = carried;
      length = carriedLength;
    }
    current.push(piece);
    length += piece.length;
  }
  if (current.length > 0) chunks.push(current.join(''));
  return chunks;
}

export function chunkSections(sections: readonly DocumentSection[], preset: ChunkPreset): TextChunk[] {
  const chunks: TextChunk[] = [];
  for (const section of sections) {
    const pieces = splitPieces(section.text, preset.size, preset.separators);
    for (const text of mergePieces(pieces, preset.size, preset.overlap)) {
      const trimmed = text.trim();
      if (trimmed.length === 0) continue;
      chunks.push({ text: trimmed, heading: section.heading ?? null, page: section.page ?? null, position: chunks.length });
    }
  }
  return chunks;
}
