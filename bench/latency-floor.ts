// The floor of one turn — the engines' own time on the critical path: speech-to-text left after
// key-up, the LLM until it has written the first piece Earshot speaks (and, for a piece cut before a
// word like "because", that word: nothing could know the cut sooner), and the synthesis of that
// piece until its first audio. Whatever voice-to-voice takes above the floor is Earshot's overhead.
// Pure.
import { stageDuration } from '../src/shared/latency-stages';
import type { TurnMarks } from '../src/shared/turn';
import type { Span } from './timed-engines';

export interface FloorParts {
  sttMs: number;
  llmMs: number;
  ttsMs: number;
}

export function floorTotal(parts: FloorParts): number {
  return parts.sttMs + parts.llmMs + parts.ttsMs;
}

/** Time covered by the spans after `from` (overlapping spans counted once). */
export function busyAfter(spans: readonly Span[], from: number): number {
  const clipped = spans
    .map((s) => ({ start: Math.max(s.start, from), end: s.end }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const span of clipped) {
    const start = Math.max(span.start, reach);
    if (span.end > start) total += span.end - start;
    reach = Math.max(reach, span.end);
  }
  return total;
}

/**
 * Index of the streamed token that completes `piece`, a leading part of the reply (as the splitter
 * hands it over: trimmed). -1 when the tokens never spell it out.
 */
export function tokenCompleting(tokens: readonly string[], piece: string): number {
  const target = piece.trim();
  if (target === '') return -1;
  let text = '';
  for (const [i, token] of tokens.entries()) {
    text += token;
    const written = text.trimStart();
    if (written.length >= target.length) return written.startsWith(target) ? i : -1;
  }
  return -1;
}

/**
 * Index of the streamed token that settles where the first piece ends: the token that completes it
 * when it ends in punctuation ("blue." "level,"), else the next token with a word in it — a cut before
 * "because" is known only once "because" has been written. -1 when the tokens never spell the piece.
 */
export function boundaryToken(tokens: readonly string[], piece: string): number {
  const k = tokenCompleting(tokens, piece);
  if (k < 0 || /\p{P}$/u.test(piece.trim())) return k;
  const next = tokens.findIndex((token, i) => i > k && /\S/.test(token));
  return next < 0 ? k : next;
}

/**
 * Without engine-side timings (real engines inside openRuntime), the floor from the turn's own marks:
 * STT = keyUp→sttDone, LLM = llmRequest→firstSentence, TTS = firstSentence→ttsFirstChunk. The
 * overhead is then what lies between those stages (memory, caches, the prompt).
 */
export function floorFromMarks(marks: TurnMarks): FloorParts | null {
  const sttMs = stageDuration(marks, 'keyUp', 'sttDone');
  const llmMs = stageDuration(marks, 'llmRequest', 'firstSentence');
  const ttsMs = stageDuration(marks, 'firstSentence', 'ttsFirstChunk');
  return sttMs === null || llmMs === null || ttsMs === null ? null : { sttMs, llmMs, ttsMs };
}
