import { describe, expect, it } from 'vitest';
import { stageDurations } from '../../../src/renderer/src/latency/latency-stages';
import { percentile, rollingStageStats, turnsForStats } from '../../../src/renderer/src/latency/percentiles';
import { waterfallOf } from '../../../src/renderer/src/latency/waterfall';

const spoken = { keyDown: 0, keyUp: 1500, sttDone: 1700, llmRequest: 1720, llmFirstToken: 1900, firstSentence: 2100, ttsFirstChunk: 2200, firstAudioPlayed: 2250, llmDone: 2600, turnDone: 3900 };

describe('latency stages', () => {
  it('splits a spoken turn into the stages a person waits through', () => {
    expect(stageDurations(spoken)).toEqual({ stt: 200, prompt: 20, llmFirstToken: 180, firstSentence: 200, ttsFirstChunk: 100, playback: 50, llmTotal: 880, voiceToVoice: 750, keyUpToFirstAudio: 700 });
  });

  it('leaves out what a typed turn never had (no key up, so no STT and no voice-to-voice)', () => {
    const d = stageDurations({ llmRequest: 5, llmFirstToken: 100, llmDone: 300 });
    expect(d).toEqual({ llmFirstToken: 95, llmTotal: 295 });
  });
});

describe('percentiles', () => {
  it('uses nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises only the newest turns of the window, per stage', () => {
    const slowOld = { marks: { keyUp: 0, sttDone: 10_000 }, complete: true };
    const turns = [...Array.from({ length: 20 }, (_, i) => ({ marks: { keyUp: 0, sttDone: 100 + i }, complete: true })), slowOld];
    const stats = rollingStageStats(turns, 20);
    expect(stats).toEqual([{ stage: 'stt', count: 20, p50: 109, p95: 118 }]);
  });

  it('leaves failed and interrupted turns out: their stages are not latencies', () => {
    const failed = { marks: { llmRequest: 0, llmDone: 936 }, complete: false }; // Ollama down: no answer
    const answered = Array.from({ length: 3 }, (_, i) => ({ marks: { llmRequest: 0, llmDone: 1_500 + i }, complete: true }));
    const hit = { marks: { llmRequest: 0 }, complete: true, cache: 'hit' }; // no pipeline to time
    const turns = [failed, hit, ...answered];
    expect(turnsForStats(turns)).toEqual(answered);
    expect(rollingStageStats(turns).find((s) => s.stage === 'llmTotal')).toMatchObject({ count: 3, p50: 1_501 });
  });
});

describe('waterfall', () => {
  it('places each stage on an axis that starts when the person stopped speaking', () => {
    const w = waterfallOf(spoken);
    expect(w.originMs).toBe(1500);
    expect(w.totalMs).toBe(2400);
    const stt = w.bars.find((b) => b.stage === 'stt')!;
    expect(stt.leftPct).toBe(0);
    expect(stt.widthPct).toBeCloseTo((200 / 2400) * 100);
    const tts = w.bars.find((b) => b.stage === 'ttsFirstChunk')!;
    expect(tts.leftPct).toBeCloseTo((600 / 2400) * 100);
    expect(w.marks.map((m) => m.name)).toEqual(['keyDown', 'keyUp', 'sttDone', 'llmRequest', 'llmFirstToken', 'firstSentence', 'ttsFirstChunk', 'firstAudioPlayed', 'llmDone', 'turnDone']);
  });

  it('starts a typed turn at its request', () => {
    const w = waterfallOf({ llmRequest: 10, llmFirstToken: 110, turnDone: 1000 });
    expect(w.originMs).toBe(0);
    expect(w.bars.find((b) => b.stage === 'llmFirstToken')!.leftPct).toBeCloseTo(1);
  });

  it('still shows a stage too short to see as a sliver', () => {
    const w = waterfallOf({ keyUp: 0, sttDone: 1, turnDone: 100_000 });
    expect(w.bars[0]!.widthPct).toBeGreaterThan(0);
  });
});
