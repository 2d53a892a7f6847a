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
