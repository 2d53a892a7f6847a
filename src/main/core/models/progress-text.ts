// ModelProgress as one plain line of text, for logs and terminals that are not a TTY, and the rule
// for when such a line is worth printing (each phase change and every tenth of the download).
import { formatBytes, formatDuration, formatRate } from './byte-format';
import type { ModelProgress } from './progress';

const PHASE_WORDS: Record<ModelProgress['phase'], string> = {
  connecting: 'connecting',
  downloading: 'downloading',
  verifying: 'verifying',
  extracting: 'unpacking',
  testing: 'test-loading',
  installing: 'installing',
  done: 'done',
};

/** "whisper-base: downloading onnx/x.onnx — 23.2 MB / 77.0 MB (30%), 3.1 MB/s, 17s left" */
export function progressLine(progress: ModelProgress): string {
  const head = `${progress.model}: ${PHASE_WORDS[progress.phase]}${progress.detail && progress.detail !== progress.model ? ` ${progress.detail}` : ''}`;
  if (progress.phase !== 'downloading') return head;
  const parts: string[] = [];
  const size = progress.totalBytes === null ? formatBytes(progress.receivedBytes) : `${formatBytes(progress.receivedBytes)} / ${formatBytes(progress.totalBytes)}`;
  parts.push(progress.fraction === null ? size : `${size} (${Math.floor(progress.fraction * 100)}%)`);
  if (progress.bytesPerSecond !== null) parts.push(formatRate(progress.bytesPerSecond));
  if (progress.etaSeconds !== null && progress.etaSeconds > 0) parts.push(`${formatDuration(progress.etaSeconds)} left`);
  return `${head} — ${parts.join(', ')}`;
}

export interface LineState {
  phase: ModelProgress['phase'] | null;
  /** Last tenth of the download printed (0–10), -1 before any. */
  tenth: number;
}

export const INITIAL_LINE_STATE: LineState = { phase: null, tenth: -1 };

/** Whether to print this event as a line, and the state after it. Pure. */
export function nextLine(state: LineState, progress: ModelProgress): { print: boolean; state: LineState } {
  const tenth = progress.fraction === null ? state.tenth : Math.floor(progress.fraction * 10);
  if (progress.phase !== state.phase) return { print: true, state: { phase: progress.phase, tenth } };
  if (progress.phase === 'downloading' && tenth > state.tenth) return { print: true, state: { phase: progress.phase, tenth } };
  return { print: false, state };
}
