import { describe, expect, it } from 'vitest';
import { appendFrame, CHUNK_SAMPLES, flushPending } from '../../../src/renderer/src/audio/frame-chunker';
import { frameLevel, nextMeterLevel } from '../../../src/renderer/src/audio/input-level';
import { chunkSeconds, scheduleChunk, START_LEAD_SECONDS } from '../../../src/renderer/src/audio/playback-schedule';

const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('frame chunker', () => {
  it('turns 512-sample microphone frames into 100 ms chunks without losing or reordering a sample', () => {
    let pending: Float32Array = new Float32Array(0);
    const chunks: Float32Array[] = [];
    for (let f = 0; f < 10; f++) {
      const step = appendFrame(pending, ramp(f * 512, 512));
      chunks.push(...step.chunks);
      pending = step.pending;
    }
    chunks.push(...flushPending(pending));
    expect(chunks.slice(0, -1).every((c) => c.length === CHUNK_SAMPLES)).toBe(true);
    expect(chunks.map((c) => c.length).reduce((a, b) => a + b)).toBe(5120);
    const all = chunks.flatMap((c) => Array.from(c));
    expect(all).toEqual(Array.from(ramp(0, 5120)));
  });

  it('sends nothing extra on release when the frames filled whole chunks', () => {
    const step = appendFrame(new Float32Array(0), ramp(0, CHUNK_SAMPLES * 2));
    expect(step.chunks).toHaveLength(2);
    expect(flushPending(step.pending)).toEqual([]);
  });
});

describe('input level', () => {
  it('reads silence as empty and a full-scale tone as full', () => {
    expect(frameLevel(new Float32Array(512))).toBe(0);
    const tone = Float32Array.from({ length: 512 }, (_, i) => Math.sin(i / 3));
    expect(frameLevel(tone)).toBeGreaterThan(0.9);
  });

  it('puts quiet speech (−30 dBFS) in the middle of the meter', () => {
    const quiet = new Float32Array(512).fill(10 ** (-30 / 20));
    expect(frameLevel(quiet)).toBeCloseTo(0.5, 2);
  });

  it('rises at once and falls back slowly', () => {
    expect(nextMeterLevel(0.1, 0.8)).toBe(0.8);
    expect(nextMeterLevel(0.8, 0)).toBeCloseTo(0.72);
    expect(nextMeterLevel(0.05, 0)).toBe(0);
  });
});

describe('gapless playback schedule', () => {
  it('starts each chunk exactly where the previous one ends while chunks keep arriving in time', () => {
    let cursor = { endsAt: 0 };
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = scheduleChunk(cursor, 1 + i * 0.05, 0.25);
      starts.push(s.startAt);
      cursor = s.cursor;
    }
    expect(starts[0]).toBeCloseTo(1 + START_LEAD_SECONDS);
    expect(starts[1]).toBeCloseTo(starts[0]! + 0.25);
    expect(starts[2]).toBeCloseTo(starts[1]! + 0.25);
  });

  it('never schedules into the past after an underrun', () => {
    const s = scheduleChunk({ endsAt: 2 }, 5, 0.1);
    expect(s.contiguous).toBe(false);
    expect(s.startAt).toBeGreaterThan(5);
  });

  it('knows a chunk length in seconds', () => {
    expect(chunkSeconds(22_050, 22_050)).toBe(1);
    expect(chunkSeconds(800, 16_000)).toBe(0.05);
  });
});
