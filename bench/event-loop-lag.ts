// Main-thread event-loop lag while Earshot's turns run (resumed for them, paused for the baseline
// and between turns), from perf_hooks.monitorEventLoopDelay (an HDR histogram inside Node). The monitor's timer records whole intervals, so the lag is what an
// interval took beyond the timer's resolution.
import { monitorEventLoopDelay } from 'node:perf_hooks';

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
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  return {
    resume: () => void histogram.enable(),
    pause: () => void histogram.disable(),
    stop: () => {
      histogram.disable();
      const lag = (ns: number) => round(Math.max(0, ns / 1e6 - resolutionMs));
      return { p99: lag(histogram.percentile(99)), max: lag(histogram.max), samples: histogram.count };
    },
  };
}
