import { describe, expect, it } from 'vitest';
import { boundaryToken, busyAfter, floorFromMarks, floorTotal, tokenCompleting } from '../../../bench/latency-floor';

describe('latency floor', () => {
  it('counts engine time after key-up once, clipping spans that began before it', () => {
    expect(busyAfter([{ start: 0, end: 120 }, { start: 150, end: 250 }], 100)).toBe(120);
    expect(busyAfter([{ start: 100, end: 200 }, { start: 150, end: 260 }], 0)).toBe(160);
    expect(busyAfter([{ start: 0, end: 90 }], 100)).toBe(0);
  });

  it('finds the token that completes the first piece', () => {
    const tokens = ['The', ' sky', ' is', ' blue.', ' It', ' is.'];
    expect(tokenCompleting(tokens, 'The sky is blue.')).toBe(3);
    expect(tokenCompleting(tokens, 'The sky')).toBe(1);
    expect(tokenCompleting(tokens, 'A different start')).toBe(-1);
  });

  it('a piece cut before a word is settled by that word; one ending in punctuation by its own last token', () => {
    const tokens = ['The', ' sky', ' looks', ' blue', ' because', ' air', ' scatters.'];
    expect(boundaryToken(tokens, 'The sky looks blue')).toBe(4);
    expect(boundaryToken(['Yes,', ' the', ' sky', ' is', ' blue,', ' and'], 'Yes, the sky is blue,')).toBe(4);
    expect(boundaryToken(['Hi', ' there.'], 'Hi there.')).toBe(1);
  });

  it('from marks alone: STT, LLM to the first sentence, and its first audio', () => {
    const marks = { keyUp: 1000, sttDone: 1250, llmRequest: 1260, firstSentence: 1700, ttsFirstChunk: 1900 };
    const floor = floorFromMarks(marks);
    expect(floor).toEqual({ sttMs: 250, llmMs: 440, ttsMs: 200 });
    expect(floorTotal(floor!)).toBe(890);
    expect(floorFromMarks({ keyUp: 0, sttDone: 10 })).toBeNull();
  });
});
