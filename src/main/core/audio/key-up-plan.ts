// Pure decisions for speech-to-text of one utterance: what to transcribe when the key goes up, and
// how to cut speech segments to what Whisper accepts (≤ 30 s).
import type { SpeechSegment } from '../engines/types';

export interface KeyUpState {
  /** Samples received in this utterance. */
  totalSamples: number;
  sampleRate: number;
  /** Utterances shorter than this skip VAD and are transcribed whole. */
  minVadSeconds: number;
}

export type KeyUpPlan =
  /** Short audio: one pass over all of it; segment transcriptions made while the key was held are dropped. */
  | { kind: 'whole' }
  /** Longer audio: keep the segments already transcribed, close VAD, transcribe only the tail. */
  | { kind: 'segments' };

export function planKeyUp(state: KeyUpState): KeyUpPlan {
  return state.totalSamples < state.minVadSeconds * state.sampleRate ? { kind: 'whole' } : { kind: 'segments' };
}

/** Where a too-long segment may be cut: the quietest short frame in the stretch before the limit. */
export interface QuietCut {
  /** Mean square of the audio in [start, end). */
  energy(start: number, end: number): number;
  /** Frame length for the search, in samples (e.g. 20 ms). */
  frame: number;
  /** How far before the limit to look, in samples (e.g. 3 s); less than maxSamples. */
  search: number;
}

/**
 * Splits segments longer than maxSamples into pieces no longer than maxSamples. With `quiet`, each
 * cut falls in the quietest frame of the stretch before the limit — a breath between words rather
 * than the middle of one; without it, at the limit.
 */
export function fitSegments(segments: readonly SpeechSegment[], maxSamples: number, quiet?: QuietCut): SpeechSegment[] {
  const out: SpeechSegment[] = [];
  for (const { start, end } of segments) {
    if (end - start <= 0) continue;
    let from = start;
    while (end - from > maxSamples) {
      const limit = from + maxSamples;
      let cut = limit;
      if (quiet && quiet.frame > 0) {
        let quietest = Infinity;
        for (let f = Math.max(from + 1, limit - Math.min(quiet.search, maxSamples - 1)); f + quiet.frame <= limit; f += Math.ceil(quiet.frame / 2)) {
          const energy = quiet.energy(f, f + quiet.frame);
          if (energy <= quietest) { // the latest of equally quiet frames: pieces as long as allowed
            quietest = energy;
            cut = f + Math.floor(quiet.frame / 2);
          }
        }
      }
      out.push({ start: from, end: cut });
      from = cut;
    }
    out.push({ start: from, end });
  }
  return out;
}

/** Joins segment transcripts with single spaces, skipping empty ones. */
export function joinTranscripts(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
}
