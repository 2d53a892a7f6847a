// One spoken turn through the real Assistant, as a front door drives it: key down, microphone chunks,
// key up; the first audio chunk the core emits counts as playback start (no renderer here, so it is
// reported at once). Times are performance.now() milliseconds.
import type { Assistant } from '../src/main/core/turn/assistant';
import type { TurnOptions } from '../src/main/core/turn/active-turn';
import type { TurnResult } from '../src/shared/turn';

export interface PushPlan {
  /** Samples per microphone chunk (1600 = 100 ms at 16 kHz). */
  chunkSamples: number;
  /** Wall time between chunks; 0 pushes them all at once. */
  intervalMs: number;
}

export interface VoiceTurnSample {
  turnId: string;
  keyDown: number;
  keyUp: number;
  transcriptAt: number | null;
  firstAudio: number | null;
  /** The first piece of the reply the splitter handed to speech. */
  firstPiece: string | null;
  result: TurnResult;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runVoiceTurn(assistant: Assistant, audio: Float32Array, push: PushPlan, options: TurnOptions = {}): Promise<VoiceTurnSample> {
  let turnId = '';
  let transcriptAt: number | null = null;
  let firstAudio: number | null = null;
  let firstPiece: string | null = null;
  const stop = assistant.onEvent((event) => {
    if (event.turnId !== turnId) return;
    if (event.type === 'transcript' && transcriptAt === null) transcriptAt = performance.now();
    if (event.type === 'sentence' && event.index === 0) firstPiece = event.text;
    if (event.type === 'audio' && firstAudio === null) {
      firstAudio = performance.now();
      assistant.reportPlayback(turnId);
    }
  });
  try {
    const keyDown = performance.now();
    turnId = assistant.beginTurn(options);
    for (let at = 0; at < audio.length; at += push.chunkSamples) {
      assistant.pushAudio(turnId, audio.subarray(at, at + push.chunkSamples));
      if (push.intervalMs > 0) await pause(push.intervalMs);
    }
    const keyUp = performance.now();
    const result = await assistant.endTurn(turnId);
    await assistant.idle(); // history, caches and metrics written before the next turn
    return { turnId, keyDown, keyUp, transcriptAt, firstAudio, firstPiece, result };
  } finally {
    stop();
  }
}

/** Fails loudly when a turn did not speak: its figures would mean nothing. */
export function requireSpoken(sample: VoiceTurnSample, what: string): asserts sample is VoiceTurnSample & { firstAudio: number; transcriptAt: number } {
  if (sample.firstAudio === null || sample.transcriptAt === null) {
    const why = sample.result.error ? `${sample.result.error.code}: ${sample.result.error.message}` : 'no audio came out';
    throw new Error(`${what} did not speak (${why}).`);
  }
}

/**
 * A typed turn (`ask --text`): the same path from the transcript on, without speech-to-text. For
 * measures that start at the transcript, where transcribing again would only cost time.
 */
export async function runTextTurn(assistant: Assistant, text: string): Promise<VoiceTurnSample> {
  let turnId = '';
  let transcriptAt: number | null = null;
  let firstAudio: number | null = null;
  let firstPiece: string | null = null;
  const stop = assistant.onEvent((event) => {
    if (event.turnId !== turnId) return;
    if (event.type === 'transcript' && transcriptAt === null) transcriptAt = performance.now();
    if (event.type === 'sentence' && event.index === 0) firstPiece = event.text;
    if (event.type === 'audio' && firstAudio === null) {
      firstAudio = performance.now();
      assistant.reportPlayback(turnId);
    }
  });
  try {
    const keyDown = performance.now();
    const started = assistant.askText(text);
    turnId = started.turnId;
    // The transcript event fired inside askText, before its turn id was known here.
    transcriptAt ??= keyDown;
    const result = await started.result;
    await assistant.idle();
    return { turnId, keyDown, keyUp: keyDown, transcriptAt, firstAudio, firstPiece, result };
  } finally {
    stop();
  }
}
