// Earshot must not wake itself: its own voice reaches the microphone (the browser's echo
// cancellation removes most of it, not all), and a reply can say the wake word. The audio it plays
// goes through a second wake-word detector; a microphone detection close in time to one of those
// is the echo, not the user. Pure.

/** How far apart (ms) a played detection and a heard one may be and still be the same sound. */
export const ECHO_TOLERANCE_MS = 1500;

/** Whether a microphone detection at `atMs` is Earshot's own playback, given when playback said the wake word. */
export function isOwnVoice(atMs: number, playedAtMs: readonly number[], toleranceMs = ECHO_TOLERANCE_MS): boolean {
  return playedAtMs.some((played) => Math.abs(atMs - played) <= toleranceMs);
}

/** Played detections still worth keeping at stream time `nowMs`. */
export function recentPlayed(playedAtMs: readonly number[], nowMs: number, toleranceMs = ECHO_TOLERANCE_MS): number[] {
  return playedAtMs.filter((played) => nowMs - played <= toleranceMs);
}

/**
 * Speech starting at the microphone while Earshot speaks is its own voice coming back unless the
 * microphone is clearly louder than what is playing: echo cancellation leaves the echo well below
 * the playback level, while someone talking over it adds their own voice on top.
 */
export const ECHO_LEVEL_RATIO = 0.7;
/** How late the echo of a played sound may reach the microphone. */
const ECHO_DELAY_MS = 300;
const LEVEL_WINDOW = 512;

/** Loudness of the audio Earshot plays, placed on the microphone's stream time. */
export class PlayedLevels {
  private levels: { atMs: number; rms: number }[] = [];

  /** `samples` (16 kHz) began playing at microphone stream time `streamMs`. */
  add(streamMs: number, samples: Float32Array): void {
    for (let at = 0; at < samples.length; at += LEVEL_WINDOW) {
      const window = samples.subarray(at, at + LEVEL_WINDOW);
      let sum = 0;
      for (const x of window) sum += x * x;
      this.levels.push({ atMs: streamMs + (at / 16_000) * 1000, rms: Math.sqrt(sum / window.length) });
    }
    this.levels = this.levels.filter((level) => streamMs - level.atMs <= 2 * ECHO_DELAY_MS + 1000);
  }

  /** Loudness (RMS) of what played from `fromMs` to `toMs`; 0 when nothing did. */
  rmsOver(fromMs: number, toMs: number): number {
    let sum = 0;
    let n = 0;
    for (const level of this.levels) {
      if (level.atMs < fromMs || level.atMs >= toMs) continue;
      sum += level.rms * level.rms;
      n++;
    }
    return n === 0 ? 0 : Math.sqrt(sum / n);
  }

  /** Whether speech heard starting at `atMs`, `micRms` loud, is the echo of what was playing then. */
  isEcho(atMs: number, micRms: number): boolean {
    let loudest = 0;
    // over the same 100 ms the microphone's level is taken from, and as far back as an echo may lag
    for (const level of this.levels) if (level.atMs >= atMs - ECHO_DELAY_MS && level.atMs < atMs + 100) loudest = Math.max(loudest, level.rms);
    return loudest > 0 && micRms <= loudest * ECHO_LEVEL_RATIO;
  }
}

/** Someone talking over the echo makes the microphone this much louder, relative to what plays, than the echo alone was. */
export const TALK_OVER_FACTOR = 2;
