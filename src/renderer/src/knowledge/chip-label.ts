// A quoted document as a chip says it: the file name, then the heading or page it came from. Pure.
import type { DocumentSource } from '../../../shared/turn';

export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter((part) => part !== '').at(-1) ?? path;
}

export function chipLabel(source: DocumentSource, page: (n: number) => string): string {
  const where = source.heading ?? (source.page !== null ? page(source.page) : null);
  return where ? `${fileNameOf(source.path)} · ${where}` : fileNameOf(source.path);
}
