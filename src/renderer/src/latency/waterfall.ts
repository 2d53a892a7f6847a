// One turn's waterfall: each stage as a bar placed on the turn's own time axis, in percent of the
// axis, plus the marks in the order they happened. The axis starts at key up for a spoken turn (the
// time spent speaking is not latency) and at the request for a typed one. Pure.
import { MARK_NAMES, type MarkName, type TurnMarks } from '../../../shared/turn';
import { STAGES } from '../../../shared/latency-stages';
import { VIEW_STAGES, type ViewStageId } from './latency-stages';

export interface WaterfallBar {
  stage: ViewStageId;
  startMs: number;
  endMs: number;
  leftPct: number;
  widthPct: number;
}

export interface Waterfall {
  /** The mark time the axis starts at (keyUp, or 0). */
  originMs: number;
  /** Length of the axis: from the origin to the last mark. */
  totalMs: number;
  bars: WaterfallBar[];
  marks: { name: MarkName; atMs: number }[];
}

export function waterfallOf(marks: TurnMarks): Waterfall {
  const present = MARK_NAMES.flatMap((name) => (marks[name] === undefined ? [] : [{ name, atMs: marks[name] }])).sort((a, b) => a.atMs - b.atMs);
  const originMs = marks.keyUp ?? 0;
  const totalMs = Math.max(0, ...present.map((m) => m.atMs - originMs));
  const pct = (ms: number) => (totalMs > 0 ? (Math.max(0, ms - originMs) / totalMs) * 100 : 0);
  const bars: WaterfallBar[] = [];
  for (const id of VIEW_STAGES) {
    const stage = STAGES.find((s) => s.id === id);
    const start = stage && marks[stage.from];
    const end = stage && marks[stage.to];
    if (start === undefined || end === undefined || end < start) continue;
    bars.push({ stage: id, startMs: start, endMs: end, leftPct: pct(start), widthPct: Math.max(pct(end) - pct(start), 0.5) });
  }
  return { originMs, totalMs, bars, marks: present };
}
