import { describe, expect, it } from 'vitest';
import { percentile, stageDuration, summarizeStages } from '../../src/shared/latency-stages';

describe('latency stages', () => {
  it('measures a stage between two marks, and skips turns missing either', () => {
    expect(stageDuration({ keyUp: 100, sttDone: 350 }, 'keyUp', 'sttDone')).toBe(250);
    expect(stageDuration({ keyUp: 100 }, 'keyUp', 'sttDone')).toBeNull();
  });

  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarises each stage over the turns that have it', () => {
    const turns = [
      { marks: { keyUp: 0, sttDone: 200, llmRequest: 210, llmFirstToken: 500 } },
      { marks: { keyUp: 0, sttDone: 400, llmRequest: 410, llmFirstToken: 700 } },
      { marks: { llmRequest: 5, llmFirstToken: 105 } }, // a typed turn: no STT stage
    ];
    const byStage = Object.fromEntries(summarizeStages(turns).map((s) => [s.stage, s]));
    expect(byStage.stt).toMatchObject({ count: 2, p50: 200, p95: 400 });
    expect(byStage.llmFirstToken).toMatchObject({ count: 3, p50: 290 });
    expect(byStage.voiceToVoice).toBeUndefined();
  });
});
