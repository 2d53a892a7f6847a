// Per-turn latency marks for the "Latency" region, newest first: loaded from metrics.recent and
// added as each turn finishes.
import type { StateCreator } from 'zustand/vanilla';
import type { TurnMetricsRow } from '../../../shared/records';

export const LATENCY_KEPT = 200;

export interface LatencySlice {
  latency: TurnMetricsRow[];
  setLatency(rows: TurnMetricsRow[]): void;
  /** Takes main's rows (which gain marks reported after 'done', like firstAudioPlayed) over the page's own. */
  mergeLatency(rows: TurnMetricsRow[]): void;
  addLatency(row: TurnMetricsRow): void;
  /** The developer's view is shown only when asked for (the Latency button, the tray). */
  latencyOpen: boolean;
  setLatencyOpen(open: boolean): void;
}

export const createLatencySlice: StateCreator<LatencySlice, [], [], LatencySlice> = (set) => ({
  latency: [],
  latencyOpen: false,
  setLatencyOpen: (latencyOpen) => set({ latencyOpen }),
  setLatency: (rows) => set({ latency: rows.slice(0, LATENCY_KEPT) }),
  mergeLatency: (rows) =>
    set((s) => {
      const fromMain = new Set(rows.map((r) => r.turnId));
      const merged = [...rows, ...s.latency.filter((r) => !fromMain.has(r.turnId))].sort((a, b) => b.at - a.at);
      return { latency: merged.slice(0, LATENCY_KEPT) };
    }),
  addLatency: (row) => set((s) => ({ latency: [row, ...s.latency.filter((r) => r.turnId !== row.turnId)].slice(0, LATENCY_KEPT) })),
});
