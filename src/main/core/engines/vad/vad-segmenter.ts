// The decision part of voice activity detection, as pure functions: speech probabilities for
// consecutive windows in, finished speech segments out. Hysteresis: speech starts at a window with
// probability ≥ startThreshold and is only considered over after minSilenceMs of windows below
// endThreshold (probabilities in between neither start nor end anything). Segments shorter than
// minSpeechMs are dropped (a cough or a click between sentences); kept ones are padded by padMs on
// each side. One exception: when the whole stream held no segment at all, the longest burst of at
// least minLoneSpeechMs is returned at finish — a quick "no" or "sim" on its own is an answer, not
// noise. Offsets are in samples from the start of the stream.
import type { SpeechSegment } from '../types';

export interface VadSegmenterConfig {
  sampleRate: number;
  /** Samples per probability. */
  windowSamples: number;
  startThreshold: number;
  endThreshold: number;
  minSilenceMs: number;
  minSpeechMs: number;
  /** The shortest burst that still counts when it is the only speech in the stream. */
  minLoneSpeechMs: number;
  padMs: number;
}

export const DEFAULT_VAD_SEGMENTER_CONFIG: VadSegmenterConfig = {
  sampleRate: 16_000,
  windowSamples: 512,
  startThreshold: 0.5,
  endThreshold: 0.35,
  minSilenceMs: 400,
  minSpeechMs: 250,
  minLoneSpeechMs: 90,
  padMs: 100,
};

export interface VadState {
  /** Samples covered by the windows seen so far. */
  position: number;
  /** Where the open segment started, or null when not in speech. */
  speechStart: number | null;
  /** Where the silence that may end the open segment began. */
  silenceStart: number | null;
  /** End of the last emitted segment (padding never reaches back past it). */
  lastEnd: number;
  /** Whether any segment has been emitted. */
  emitted: boolean;
  /** The longest burst dropped as too short (unpadded), kept in case nothing else is heard. */
  lone: SpeechSegment | null;
}

export const INITIAL_VAD_STATE: VadState = { position: 0, speechStart: null, silenceStart: null, lastEnd: 0, emitted: false, lone: null };

export interface VadStep {
  state: VadState;
  /** Where speech has just begun (this window's first sample), if it did: a barge-in can act on it at once. */
  started?: number;
  /** A segment that has just ended, if any. */
  ended: SpeechSegment | null;
}

const samples = (ms: number, config: VadSegmenterConfig) => Math.round((ms * config.sampleRate) / 1000);

/** Takes the speech probability of the next window. */
export function stepVad(state: VadState, probability: number, config: VadSegmenterConfig): VadStep {
  const windowStart = state.position;
  const position = windowStart + config.windowSamples;
  if (state.speechStart === null) {
    if (probability < config.startThreshold) return { state: { ...state, position }, ended: null };
    return { state: { ...state, position, speechStart: windowStart }, started: windowStart, ended: null };
  }
  if (probability >= config.startThreshold) {
    return { state: { ...state, position, silenceStart: null }, ended: null };
  }
  if (probability >= config.endThreshold) return { state: { ...state, position }, ended: null };
  const silenceStart = state.silenceStart ?? windowStart;
  if (position - silenceStart < samples(config.minSilenceMs, config)) {
    return { state: { ...state, position, silenceStart }, ended: null };
  }
  return close({ ...state, position }, state.speechStart, silenceStart, position, config);
}

/**
 * End of the stream after `totalSamples` samples: closes the open segment, if any — or, when the
 * stream held no segment at all, returns its longest short burst.
 */
export function finishVad(state: VadState, totalSamples: number, config: VadSegmenterConfig): VadStep {
  const end = Math.max(totalSamples, state.position);
  const step =
    state.speechStart === null
      ? { state: { ...state, position: end }, ended: null }
      : close({ ...state, position: end }, state.speechStart, state.silenceStart ?? end, end, config);
  const { lone } = step.state;
  if (step.ended || step.state.emitted || !lone) return step;
  const pad = samples(config.padMs, config);
  const ended = { start: Math.max(0, lone.start - pad), end: Math.min(end, lone.end + pad) };
  return { state: { ...step.state, lastEnd: ended.end, emitted: true, lone: null }, ended };
}

function close(state: VadState, start: number, end: number, limit: number, config: VadSegmenterConfig): VadStep {
  const next = { ...state, speechStart: null, silenceStart: null };
  if (end - start < samples(config.minSpeechMs, config)) {
    const longer = end - start >= samples(config.minLoneSpeechMs, config) && (!state.lone || end - start > state.lone.end - state.lone.start);
    return { state: longer ? { ...next, lone: { start, end } } : next, ended: null };
  }
  const pad = samples(config.padMs, config);
  const ended = { start: Math.max(state.lastEnd, start - pad, 0), end: Math.min(limit, end + pad) };
  return { state: { ...next, lastEnd: ended.end, emitted: true, lone: null }, ended };
}
