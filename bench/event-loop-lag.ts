// Main-thread event-loop lag while Earshot's turns run (resumed for them, paused for the baseline
// and between turns): how late a 10 ms timer fires, recorded in an HDR histogram
// (perf_hooks.createHistogram). The lag is what an interval took beyond the timer's resolution.
import { createHistogram } from 'node:perf_hooks';

export interface LagFigures {
  p99: number;
  max: number;
  samples: number;
}

export interface LagMonitor {
  /** Counts the lag from now on (the monitor starts paused). */
  resume(): void;
  /** Stops counting until resume(): the sequential baseline and idle time between turns do not count. */
  pause(): void;
  stop(): LagFigures;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export function startLagMonitor(resolutionMs = 10): LagMonitor {
  // A timer that should fire every resolutionMs, its lateness recorded into an HDR histogram; it
  // runs only while resumed, so a pause never counts as one long late tick.
  const histogram = createHistogram();
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  const pause = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    resume: () => {
      if (timer) return;
      last = performance.now();
      timer = setInterval(() => {
        const now = performance.now();
        histogram.record(Math.max(1, Math.round((now - last) * 1e6)));
        last = now;
      }, resolutionMs);
    },
    pause,
    stop: () => {
      pause();
      const lag = (ns: number) => round(Math.max(0, ns / 1e6 - resolutionMs));
      return histogram.count === 0 ? { p99: 0, max: 0, samples: 0 } : { p99: lag(histogram.percentile(99)), max: lag(histogram.max), samples: histogram.count };
    },
  };
}
