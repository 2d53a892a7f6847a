// Gapless playback timing: each chunk starts exactly where the previous one ends on the
// AudioContext clock; after an underrun (the next chunk arrived late) it starts a little after now.

/** Seconds of lead given to a chunk that cannot follow on directly, so it never starts in the past. */
export const START_LEAD_SECONDS = 0.03;

export interface PlaybackCursor {
  /** AudioContext time at which the last scheduled chunk ends; 0 when nothing is scheduled. */
  endsAt: number;
}

export interface ScheduledChunk {
  startAt: number;
  cursor: PlaybackCursor;
  /** True when the chunk follows the previous one without a gap. */
  contiguous: boolean;
}

export function scheduleChunk(cursor: PlaybackCursor, now: number, durationSeconds: number, lead = START_LEAD_SECONDS): ScheduledChunk {
  const contiguous = cursor.endsAt > now;
  const startAt = contiguous ? cursor.endsAt : now + lead;
  return { startAt, cursor: { endsAt: startAt + durationSeconds }, contiguous };
}

export function chunkSeconds(samples: number, sampleRate: number): number {
  return sampleRate > 0 ? samples / sampleRate : 0;
}
