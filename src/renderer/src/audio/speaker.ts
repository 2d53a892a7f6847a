// Plays the reply's audio chunks as they arrive, gapless: each chunk is an AudioBufferSourceNode
// scheduled to start where the previous one ends on one AudioContext. stop() silences everything
// at once (barge-in). Counts what it did, so the page can report playback (and tests can see it).
import { chunkSeconds, scheduleChunk, type PlaybackCursor } from './playback-schedule';

export interface PlaybackStats {
  /** Chunks handed to the audio device, over the page's life. */
  chunksScheduled: number;
  /** The same, by turn id (so a test can see no chunk of an interrupted turn came after the press). */
  chunksByTurn: Record<string, number>;
  /** Seconds of audio scheduled. */
  secondsScheduled: number;
  /** Chunks that played to their end (not cut off by stop()). */
  chunksPlayed: number;
  /** Chunks that had to wait for a gap to close (underruns); 0 when playback was gapless. */
  gaps: number;
  /** stop() calls that silenced audio (barge-in, cancel). */
  stops: number;
  /** Audio is playing or scheduled right now. */
  playing: boolean;
  /** The turn whose audio was scheduled last. */
  turnId: string | null;
}

export interface SpeakerEvents {
  /** A turn's first chunk starts sounding (fired at its scheduled start time). */
  onTurnAudible(turnId: string): void;
  onStats(stats: PlaybackStats): void;
}

export class Speaker {
  private context: AudioContext | null = null;
  private cursor: PlaybackCursor = { endsAt: 0 };
  private readonly live = new Set<AudioBufferSourceNode>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stats: PlaybackStats = { chunksScheduled: 0, chunksByTurn: {}, secondsScheduled: 0, chunksPlayed: 0, gaps: 0, stops: 0, playing: false, turnId: null };

  constructor(
    private readonly makeContext: () => AudioContext,
    private readonly events: SpeakerEvents,
  ) {}

  /** Plays through this output device ('' for the default); keeps the current one when it cannot. */
  async setOutput(deviceId: string): Promise<boolean> {
    const context = this.ensureContext() as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (!context.setSinkId) return false;
    try {
      await context.setSinkId(deviceId);
      return true;
    } catch {
      return false;
    }
  }

  /** Creates or resumes the AudioContext; call from a user gesture (Talk, Enter) so autoplay allows it. */
  unlock(): void {
    const context = this.ensureContext();
    if (context.state === 'suspended') void context.resume();
  }

  play(turnId: string, samples: Float32Array, sampleRate: number): void {
    if (samples.length === 0 || sampleRate <= 0) return;
    const context = this.ensureContext();
    if (context.state === 'suspended') void context.resume();
    const buffer = context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(Float32Array.from(samples), 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const duration = chunkSeconds(samples.length, sampleRate);
    const first = this.stats.turnId !== turnId;
    const slot = scheduleChunk(first ? { endsAt: 0 } : this.cursor, context.currentTime, duration);
    this.cursor = slot.cursor;
    source.onended = () => {
      if (!this.live.delete(source)) return;
      this.update({ chunksPlayed: this.stats.chunksPlayed + 1, playing: this.live.size > 0 });
    };
    this.live.add(source);
    source.start(slot.startAt);
    if (first) this.after(slot.startAt - context.currentTime, () => this.events.onTurnAudible(turnId));
    this.update({
      chunksScheduled: this.stats.chunksScheduled + 1,
      chunksByTurn: { ...this.stats.chunksByTurn, [turnId]: (this.stats.chunksByTurn[turnId] ?? 0) + 1 },
      secondsScheduled: this.stats.secondsScheduled + duration,
      gaps: this.stats.gaps + (!first && !slot.contiguous ? 1 : 0),
      playing: true,
      turnId,
    });
  }

  /** Silences all scheduled audio at once. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const hadAudio = this.live.size > 0;
    const sources = [...this.live];
    this.live.clear();
    for (const source of sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // never started: nothing to stop
      }
      source.disconnect();
    }
    this.cursor = { endsAt: 0 };
    this.update({ stops: this.stats.stops + (hadAudio ? 1 : 0), playing: false, turnId: null });
  }

  get snapshot(): PlaybackStats {
    return { ...this.stats, chunksByTurn: { ...this.stats.chunksByTurn } };
  }

  private ensureContext(): AudioContext {
    this.context ??= this.makeContext();
    return this.context;
  }

  private after(seconds: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, Math.max(0, seconds * 1000));
    this.timers.add(timer);
  }

  private update(change: Partial<PlaybackStats>): void {
    this.stats = { ...this.stats, ...change };
    this.events.onStats(this.snapshot);
  }
}
