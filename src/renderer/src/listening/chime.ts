// The "I'm listening" chime played when the wake word starts a turn: two short rising sine notes,
// generated here rather than shipped as a sound file (no asset, no licence). Quiet and short, so
// its echo neither sounds like a question nor hides the first word of one.

export const CHIME_RATE = 24_000;
const NOTES_HZ = [660, 990];
const NOTE_SECONDS = 0.07;
const PEAK = 0.25;
/** Rise time: a note that starts or stops at full level clicks. */
const ATTACK_SECONDS = 0.005;

/** The chime as mono samples at `rate`, starting and ending in silence. */
export function chimeSamples(rate = CHIME_RATE): Float32Array {
  const noteLength = Math.round(NOTE_SECONDS * rate);
  const attack = Math.round(ATTACK_SECONDS * rate);
  const out = new Float32Array(noteLength * NOTES_HZ.length);
  NOTES_HZ.forEach((hz, note) => {
    for (let i = 0; i < noteLength; i++) {
      const rise = Math.min(1, i / attack);
      const fall = (noteLength - 1 - i) / (noteLength - 1); // linear to exactly 0 at the note's end
      out[note * noteLength + i] = PEAK * rise * fall * Math.sin((2 * Math.PI * hz * i) / rate);
    }
  });
  return out;
}

/** Plays the chime on a context made on first use; never throws (a missing chime must not stop listening). */
export function createChimePlayer(makeContext: () => AudioContext): () => void {
  let context: AudioContext | null = null;
  const samples = chimeSamples();
  return () => {
    try {
      context ??= makeContext();
      if (context.state === 'suspended') void context.resume();
      const buffer = context.createBuffer(1, samples.length, CHIME_RATE);
      buffer.copyToChannel(Float32Array.from(samples), 0);
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.start();
    } catch {
      // no audio device: the listening bar still shows the state
    }
  };
}
