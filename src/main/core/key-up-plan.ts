// Pure decisions for speech-to-text of one utterance: what to transcribe when the key goes up, and
// how to cut speech segments to what Whisper accepts (≤ 30 s).
import type { SpeechSegment } from './engines/types';

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

/** Splits segments longer than maxSamples into near-equal pieces no longer than maxSamples. */
export function fitSegments(segments: readonly SpeechSegment[], maxSamples: number): SpeechSegment[] {
  const out: SpeechSegment[] = [];
  for (const { start, end } of segments) {
    const length = end - start;
    if (length <= 0) continue;
    const pieces = Math.ceil(length / maxSamples);
    const size = Math.ceil(length / pieces);
    for (let s = start; s < end; s += size) out.push({ start: s, end: Math.min(end, s + size) });
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
