import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HANDS_FREE_CONFIG,
  HANDS_FREE_START,
  type HandsFreeEffect,
  type HandsFreeEvent,
  type HandsFreeState,
  stepHandsFree,
} from '../../../src/main/core/turn/hands-free-plan';

const config = { ...DEFAULT_HANDS_FREE_CONFIG, followUpMs: 6000, noQuestionMs: 5000, minQuestionMs: 300 };

function run(events: HandsFreeEvent[], start: HandsFreeState = HANDS_FREE_START, cfg = config) {
  let state = start;
  const effects: HandsFreeEffect[][] = [];
  for (const event of events) {
    const step = stepHandsFree(state, event, cfg);
    state = step.state;
    effects.push(step.effects);
  }
  return { state, effects };
}

describe('hands-free listening', () => {
  it('starts a turn with a cue at the wake word and answers when the question ends', () => {
    const { state, effects } = run([
      { type: 'wake', atMs: 2000 },
      { type: 'speech-ended', startMs: 2300, endMs: 4200 },
    ]);
    expect(effects).toEqual([[{ type: 'begin-turn', audioFromMs: 2000, cue: true }], [{ type: 'end-turn' }]]);
    expect(state).toEqual({ kind: 'answering' });
  });

  it('does not take the end of the wake word itself for the end of the question', () => {
    // the VAD segment holding "hey jarvis" closes (padded) just around the detection
    const { state, effects } = run([
      { type: 'wake', atMs: 2000 },
      { type: 'speech-ended', startMs: 1100, endMs: 2100 },
    ]);
    expect(effects[1]).toEqual([]);
    expect(state.kind).toBe('capturing');
  });

  it('ends the turn when wake word and question were said in one breath', () => {
    const { effects } = run([
      { type: 'wake', atMs: 2000 },
      { type: 'speech-ended', startMs: 1100, endMs: 3900 },
    ]);
    expect(effects[1]).toEqual([{ type: 'end-turn' }]);
  });

  it('gives up quietly when no question follows the wake word', () => {
    const { state, effects } = run([
      { type: 'wake', atMs: 2000 },
      { type: 'tick', atMs: 6900 },
      { type: 'tick', atMs: 7000 },
    ]);
    expect(effects.slice(1)).toEqual([[], [{ type: 'cancel-turn' }]]);
    expect(state).toEqual(HANDS_FREE_START);
  });

  it('ignores speech without the wake word while waiting', () => {
    const { state, effects } = run([{ type: 'speech-ended', startMs: 0, endMs: 3000 }, { type: 'reply-done', atMs: 3000 }]);
    expect(effects).toEqual([[], []]);
    expect(state).toEqual(HANDS_FREE_START);
  });

  it('after a reply, listens for a follow-up without the wake word and answers it', () => {
    const { state, effects } = run([{ type: 'reply-done', atMs: 10_000 }, { type: 'speech-ended', startMs: 11_000, endMs: 12_500 }], { kind: 'answering' });
    expect(effects).toEqual([[{ type: 'begin-turn', audioFromMs: 10_000, cue: false }], [{ type: 'end-turn' }]]);
    expect(state).toEqual({ kind: 'answering' });
  });

  it('closes the follow-up window when it runs out, so only the wake word works again', () => {
    const { state, effects } = run([{ type: 'reply-done', atMs: 10_000 }, { type: 'tick', atMs: 16_000 }, { type: 'speech-ended', startMs: 16_500, endMs: 18_000 }], {
      kind: 'answering',
    });
    expect(effects.slice(1)).toEqual([[{ type: 'cancel-turn' }], []]);
    expect(state).toEqual(HANDS_FREE_START);
  });

  it('opens no follow-up window when it is set to 0 s', () => {
    const { state, effects } = run([{ type: 'reply-done', atMs: 10_000 }], { kind: 'answering' }, { ...config, followUpMs: 0 });
    expect(effects).toEqual([[]]);
    expect(state).toEqual(HANDS_FREE_START);
  });

  it('barges in on a reply at the wake word: the reply stops and a new turn listens', () => {
    const { state, effects } = run([{ type: 'wake', atMs: 20_000 }], { kind: 'answering' });
    expect(effects).toEqual([[{ type: 'cancel-turn' }, { type: 'begin-turn', audioFromMs: 20_000, cue: true }]]);
    expect(state).toEqual({ kind: 'capturing', sinceMs: 20_000, giveUpAtMs: 25_000 });
  });

  it('drops whatever turn is in flight when the microphone is paused', () => {
    expect(run([{ type: 'stop' }], { kind: 'answering' }).effects).toEqual([[{ type: 'cancel-turn' }]]);
    expect(run([{ type: 'stop' }]).effects).toEqual([[]]);
  });
});
