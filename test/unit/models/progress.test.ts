import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate } from '../../../src/main/core/models/byte-format';
import { addRateSample, createProgressReporter, etaSeconds, fractionOf, rateOf, type ModelProgress, type RateSample } from '../../../src/main/core/models/progress';

function samplesOf(points: Array<[number, number]>, windowMs = 5_000): RateSample[] {
  return points.reduce<RateSample[]>((acc, [atMs, bytes]) => addRateSample(acc, { atMs, bytes }, windowMs), []);
}

describe('download rate and ETA', () => {
  it('measures bytes per second over the recent window', () => {
    expect(rateOf(samplesOf([[0, 0], [1_000, 1_000_000], [2_000, 2_000_000]]))).toBe(1_000_000);
  });

  it('forgets samples older than the window, so a speed change shows within seconds', () => {
    const samples = samplesOf([[0, 0], [1_000, 10_000_000], [7_000, 10_600_000], [8_000, 10_700_000]], 5_000);
    // Slow recent speed (100 kB/s), not the fast start.
    expect(rateOf(samples)).toBeCloseTo(100_000, -3);
  });

  it('has no rate until a quarter second has passed', () => {
    expect(rateOf(samplesOf([[0, 0], [100, 50_000]]))).toBeNull();
    expect(rateOf([])).toBeNull();
  });

  it('starts over when the byte count goes back (a restarted download)', () => {
    const samples = samplesOf([[0, 0], [1_000, 5_000_000], [1_500, 0]]);
    expect(samples).toEqual([{ atMs: 1_500, bytes: 0 }]);
  });

  it('computes the time left, and says nothing when it cannot know', () => {
    expect(etaSeconds(25, 100, 10)).toBe(8);
    expect(etaSeconds(100, 100, 10)).toBe(0);
    expect(etaSeconds(10, null, 10)).toBeNull();
    expect(etaSeconds(10, 100, null)).toBeNull();
    expect(etaSeconds(10, 100, 0)).toBeNull();
    expect(fractionOf(50, 200)).toBe(0.25);
    expect(fractionOf(50, null)).toBeNull();
    expect(fractionOf(300, 200)).toBe(1);
  });
});

describe('progress reporter', () => {
  it('throttles byte updates but always sends phase changes and the last state on flush', () => {
    let now = 0;
    const events: ModelProgress[] = [];
    const reporter = createProgressReporter({ source: 'catalog', model: 'm', clock: { now: () => now, wallNow: () => now }, onProgress: (e) => events.push(e), minIntervalMs: 100 });
    reporter.update({ phase: 'downloading', detail: 'a', receivedBytes: 0, totalBytes: 1_000 });
    for (let i = 1; i <= 10; i += 1) {
      now += 10;
      reporter.update({ phase: 'downloading', detail: 'a', receivedBytes: i * 50, totalBytes: 1_000 });
    }
    expect(events).toHaveLength(2); // at 0 ms and at 100 ms
    now += 10;
    reporter.update({ phase: 'downloading', detail: 'a', receivedBytes: 1_000, totalBytes: 1_000 });
    reporter.flush();
    expect(events.at(-1)).toMatchObject({ receivedBytes: 1_000, fraction: 1, etaSeconds: 0 });
    reporter.update({ phase: 'testing', detail: 'm', receivedBytes: 1_000, totalBytes: 1_000 });
    expect(events.at(-1)).toMatchObject({ phase: 'testing', bytesPerSecond: null, source: 'catalog', model: 'm' });
  });

  it('reports rate and ETA while downloading', () => {
    let now = 0;
    const events: ModelProgress[] = [];
    const reporter = createProgressReporter({ source: 'catalog', model: 'm', clock: { now: () => now, wallNow: () => now }, onProgress: (e) => events.push(e), minIntervalMs: 0 });
    reporter.update({ phase: 'downloading', detail: 'a', receivedBytes: 0, totalBytes: 10_000_000 });
    now = 1_000;
    reporter.update({ phase: 'downloading', detail: 'a', receivedBytes: 2_000_000, totalBytes: 10_000_000 });
    expect(events.at(-1)).toMatchObject({ bytesPerSecond: 2_000_000, etaSeconds: 4, fraction: 0.2 });
  });
});

describe('formatting for people', () => {
  it('formats sizes, rates and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(77_000_000)).toBe('77.0 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatRate(3_100_000)).toBe('3.1 MB/s');
    expect(formatRate(null)).toBe('');
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(3_720)).toBe('1h 02m');
    expect(formatDuration(null)).toBe('');
  });
});
