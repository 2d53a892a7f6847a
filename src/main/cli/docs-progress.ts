// Indexing progress as stderr lines: one per tenth of the work in each phase, so a large folder
// reports steadily without flooding the terminal. Pure.
import type { IngestProgress } from '../core/knowledge/knowledge-ingest';

function eta(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return ', less than a second left';
  const s = Math.round(ms / 1000);
  return s < 60 ? `, about ${s} s left` : `, about ${Math.round(s / 60)} min left`;
}

/** Changes when a line is due: the phase, and which tenth of it is done. */
export function progressStep(p: IngestProgress): number {
  const phase = ['scanning', 'indexing', 'embedding', 'done'].indexOf(p.phase);
  const fraction = p.phase === 'embedding' ? p.embedded / Math.max(1, p.toEmbed) : p.filesDone / Math.max(1, p.filesTotal);
  return phase * 100 + Math.floor(fraction * 10);
}

export function formatProgress(p: IngestProgress): string {
  switch (p.phase) {
    case 'scanning':
      return 'Looking for documents…\n';
    case 'indexing':
      return `Indexing: ${p.filesDone}/${p.filesTotal} files, ${p.chunks} chunks${eta(p.etaMs)}\n`;
    case 'embedding':
      return `Embedding: ${p.embedded}/${p.toEmbed} chunks${eta(p.etaMs)}\n`;
    case 'done':
      return `Done: ${p.filesDone} files, ${p.chunks} new chunks.\n`;
  }
}
