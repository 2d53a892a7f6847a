// What the panel says about an indexing run, as message keys and their numbers. Pure.
import type { KnowledgeProgress } from '../../../shared/knowledge';
import type { MessageKey } from '../i18n/messages-en';
import type { MessageParams } from '../i18n/translate';

export interface ProgressLine {
  key: MessageKey;
  params?: MessageParams;
}

export function progressLines(progress: KnowledgeProgress, paused: boolean): ProgressLine[] {
  const lines: ProgressLine[] = [];
  switch (progress.phase) {
    case 'scanning':
      lines.push({ key: 'knowledge.progress.scanning' });
      break;
    case 'indexing':
      lines.push({ key: 'knowledge.progress.indexing', params: { done: progress.filesDone, total: progress.filesTotal, chunks: progress.chunks } });
      break;
    case 'embedding':
      lines.push({ key: 'knowledge.progress.embedding', params: { done: progress.embedded, total: progress.toEmbed } });
      break;
    case 'done':
      lines.push({ key: 'knowledge.done', params: { files: progress.filesDone, chunks: progress.chunks } });
      if (progress.keywordOnly) lines.push({ key: 'knowledge.keywordOnly' });
      return lines;
    case 'cancelled':
      return [{ key: 'knowledge.cancelled' }];
    case 'failed':
      return [{ key: 'knowledge.failed' }];
  }
  if (paused) lines.push({ key: 'knowledge.progress.paused' });
  else if (progress.etaMs !== null && progress.etaMs > 0) lines.push({ key: 'knowledge.progress.eta', params: { seconds: Math.max(1, Math.round(progress.etaMs / 1000)) } });
  return lines;
}

export function isRunning(progress: KnowledgeProgress | null): boolean {
  return progress !== null && (progress.phase === 'scanning' || progress.phase === 'indexing' || progress.phase === 'embedding');
}
