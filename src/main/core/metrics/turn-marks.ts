// Latency marks for one turn, all on one clock, in ms since the turn began.
import type { MarkName, TurnMarks } from '../../../shared/turn';
import type { Clock } from '../platform/clock';

export class TurnMarkRecorder {
  private readonly marks: TurnMarks = {};
  readonly origin: number;

  constructor(private readonly clock: Clock) {
    this.origin = clock.now();
  }

  /** Records the first time a mark happens; later calls keep the first value. */
  mark(name: MarkName, at: number = this.clock.now()): void {
    if (this.marks[name] === undefined) this.marks[name] = Math.max(0, Math.round((at - this.origin) * 10) / 10);
  }

  has(name: MarkName): boolean {
    return this.marks[name] !== undefined;
  }

  snapshot(): TurnMarks {
    return { ...this.marks };
  }
}
