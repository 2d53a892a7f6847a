// What hands-free listening does next, as one pure step: a state and an event (wake word heard,
// speech ended, reply done, time passing) in, the next state and the turn calls to make out. Times
// are stream milliseconds (audio received since listening began), so the step never reads a clock.
// Kept apart from the push-to-talk flow so both can later move into the one talk state machine.

export interface HandsFreeConfig {
  /** After a reply, how long a question needs no wake word (0: always say it). */
  followUpMs: number;
  /** After the wake word, how long to wait for a question before giving up quietly. */
  noQuestionMs: number;
  /**
   * Speech must run at least this long past the wake word to be a question: the segment holding
   * the wake word itself ends just before the detection and must not end the turn.
   */
  minQuestionMs: number;
}

export const DEFAULT_HANDS_FREE_CONFIG: HandsFreeConfig = { followUpMs: 6000, noQuestionMs: 5000, minQuestionMs: 300 };

export type HandsFreeState =
  /** Only the wake word starts a turn. */
  | { kind: 'waiting' }
  /** A turn is listening for its question, which began after `sinceMs`. */
  | { kind: 'capturing'; sinceMs: number; giveUpAtMs: number }
  /** The question is being answered (transcribed, thought about, spoken). */
  | { kind: 'answering' }
  /** A turn is listening without the wake word until `untilMs`. */
  | { kind: 'follow-up'; sinceMs: number; untilMs: number };

export const HANDS_FREE_START: HandsFreeState = { kind: 'waiting' };

export type HandsFreeEvent =
  | { type: 'wake'; atMs: number }
  | { type: 'speech-ended'; startMs: number; endMs: number }
  | { type: 'reply-done'; atMs: number }
  | { type: 'tick'; atMs: number }
  /** The microphone was paused or hands-free turned off. */
  | { type: 'stop' };

export type HandsFreeEffect =
  /** Start a turn fed with the audio from `audioFromMs` on; `cue` plays the "I'm listening" chime. */
  | { type: 'begin-turn'; audioFromMs: number; cue: boolean }
  /** The question is over: transcribe and answer it. */
  | { type: 'end-turn' }
  /** Drop the turn in flight: a barge-in, or a listening turn that heard nothing. */
  | { type: 'cancel-turn' };

export interface HandsFreeStep {
  state: HandsFreeState;
  effects: HandsFreeEffect[];
}

const stay = (state: HandsFreeState): HandsFreeStep => ({ state, effects: [] });

function capture(atMs: number, config: HandsFreeConfig, bargeIn: boolean): HandsFreeStep {
  const begin: HandsFreeEffect = { type: 'begin-turn', audioFromMs: atMs, cue: true };
  return {
    state: { kind: 'capturing', sinceMs: atMs, giveUpAtMs: atMs + config.noQuestionMs },
    effects: bargeIn ? [{ type: 'cancel-turn' }, begin] : [begin],
  };
}

export function stepHandsFree(state: HandsFreeState, event: HandsFreeEvent, config: HandsFreeConfig): HandsFreeStep {
  if (event.type === 'stop') {
    return { state: HANDS_FREE_START, effects: state.kind === 'waiting' ? [] : [{ type: 'cancel-turn' }] };
  }
  switch (state.kind) {
    case 'waiting':
      return event.type === 'wake' ? capture(event.atMs, config, false) : stay(state);
    case 'capturing':
    case 'follow-up': {
      if (event.type === 'wake') return state.kind === 'follow-up' ? capture(event.atMs, config, true) : stay(state);
      if (event.type === 'speech-ended') {
        return event.endMs - state.sinceMs >= config.minQuestionMs ? { state: { kind: 'answering' }, effects: [{ type: 'end-turn' }] } : stay(state);
      }
      const deadline = state.kind === 'capturing' ? state.giveUpAtMs : state.untilMs;
      if (event.type === 'tick' && event.atMs >= deadline) return { state: HANDS_FREE_START, effects: [{ type: 'cancel-turn' }] };
      return stay(state);
    }
    case 'answering':
      // The wake word while Earshot answers is a barge-in: stop it and listen.
      if (event.type === 'wake') return capture(event.atMs, config, true);
      if (event.type === 'reply-done') {
        if (config.followUpMs <= 0) return stay(HANDS_FREE_START);
        return {
          state: { kind: 'follow-up', sinceMs: event.atMs, untilMs: event.atMs + config.followUpMs },
          effects: [{ type: 'begin-turn', audioFromMs: event.atMs, cue: false }],
        };
      }
      return stay(state);
  }
}
