// Hands-free listening on real speech with the real wake-word and Silero models, driving a
// recording stand-in for the Assistant: where turns begin and end in the stream, what audio they
// get, the follow-up window and the spoken barge-in.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TurnResult } from '../../../src/shared/turn';
import { SileroVad } from '../../../src/main/core/engines/vad/silero-vad';
import { WakeDetector } from '../../../src/main/core/engines/wake/wake-detector';
import { HandsFreeController } from '../../../src/main/core/turn/hands-free';
import { DEFAULT_TALK_CONFIG } from '../../../src/shared/talk-machine';
import { concatAudio } from '../../support/speech-fixtures';
import { loadTestWakeModels } from '../../support/wake-models';
import { noise, speakAs } from '../../support/wake-speech';

const RATE = 16_000;
const vadModel = createRequire(__filename).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
const voice = { voice: 'en-us', speed: 160 };
let wakePhrase: Float32Array;
let question: Float32Array;
let followUp: Float32Array;
const pause = (seconds: number, seed = 1) => noise(seconds, 0.002, seed);
const ms = (audio: Float32Array) => (audio.length / RATE) * 1000;

interface Call {
  call: 'begin' | 'end' | 'cancel';
  atMs: number;
  turnId: string;
}

/** Records the calls a hands-free session makes; a reply takes `replyMs` of stream time. */
async function listen(audio: Float32Array, followUpMs = 6000, replyMs = 0, playing: Float32Array | null = null) {
  const replying = new Map<string, { doneAtMs: number; resolve: (result: TurnResult) => void }>();
  const calls: Call[] = [];
  const pushed = new Map<string, number>();
  let next = 0;
  let controller: HandsFreeController | null = null;
  const now = () => controller?.streamMs ?? 0;
  const result = (transcript: string): TurnResult => ({ transcript, reply: 'ok', language: 'en', complete: true, cache: { response: 'off' }, marks: {}, error: null });
  const assistant = {
    beginTurn: () => {
      const turnId = `t${++next}`;
      calls.push({ call: 'begin', atMs: now(), turnId });
      pushed.set(turnId, 0);
      return turnId;
    },
    pushAudio: (turnId: string, samples: Float32Array) => {
      pushed.set(turnId, (pushed.get(turnId) ?? 0) + samples.length);
      return true;
    },
    endTurn: (turnId: string) => {
      calls.push({ call: 'end', atMs: now(), turnId });
      if (replyMs === 0) return Promise.resolve(result(turnId));
      return new Promise<TurnResult>((resolve) => replying.set(turnId, { doneAtMs: now() + replyMs, resolve }));
    },
    cancel: (turnId?: string) => {
      calls.push({ call: 'cancel', atMs: now(), turnId: turnId ?? '' });
      replying.get(turnId ?? '')?.resolve({ ...result(turnId ?? ''), complete: false });
      replying.delete(turnId ?? '');
      return true;
    },
  };
  const cues: number[] = [];
  const states: { state: string; atMs: number }[] = [];
  const vad = new SileroVad(vadModel);
  controller = new HandsFreeController({
    assistant,
    wake: await WakeDetector.create(await loadTestWakeModels()),
    ownVoice: await WakeDetector.create(await loadTestWakeModels()),
    vad,
    config: { ...DEFAULT_TALK_CONFIG, followUpMs },
    onCue: () => cues.push(now()),
    onState: (state) => states.push({ state, atMs: now() }),
  });
  for (let at = 0; at < audio.length; at += 1600) {
    if (playing) await controller.played(playing.slice(at, at + 1600));
    await controller.push(audio.slice(at, at + 1600));
    for (const [turnId, reply] of replying) {
      if (reply.doneAtMs > now()) continue;
      replying.delete(turnId);
      reply.resolve(result(turnId));
    }
  }
  for (const [turnId, reply] of replying) reply.resolve(result(turnId)); // the audio is over: let the last reply finish
  await controller.settled();
  const state = controller.current;
  await vad.dispose();
  return { calls, pushed, cues, state, states };
}

beforeAll(async () => {
  [wakePhrase, question, followUp] = await Promise.all([
    speakAs('hey jarvis', voice),
    speakAs('what is the capital of france', voice),
    speakAs('and what about germany', voice),
  ]);
});

describe('hands-free listening', () => {
  it('starts a turn at the wake word with a cue and ends it when the question ends', async () => {
    // a pause long enough for the VAD to close the wake word's own segment before the question
    const audio = concatAudio(pause(1), wakePhrase, pause(0.8), question, pause(3));
    const wakeEndMs = 1000 + ms(wakePhrase);
    const questionEndMs = wakeEndMs + 800 + ms(question);
    const { calls, pushed, cues } = await listen(audio, 0);
    expect(calls.map((c) => c.call)).toEqual(['begin', 'end']);
    const [begin, end] = calls as [Call, Call];
    expect(begin.atMs).toBeGreaterThan(wakeEndMs - 250);
    expect(begin.atMs).toBeLessThan(wakeEndMs + 600);
    expect(cues).toHaveLength(1);
    // the end of speech (400 ms of silence, then the VAD's window) closes the question
    expect(end.atMs).toBeGreaterThan(questionEndMs + 300);
    expect(end.atMs).toBeLessThan(questionEndMs + 1000);
    // the turn heard the question but not the wake word before it
    const heardMs = ((pushed.get(begin.turnId) ?? 0) / RATE) * 1000;
    expect(heardMs).toBeGreaterThan(ms(question));
    expect(heardMs).toBeLessThan(audio.length / 16 - wakeEndMs + 250);
  });

  it('ignores a question asked without the wake word', async () => {
    const { calls } = await listen(concatAudio(pause(1), question, pause(2)));
    expect(calls).toEqual([]);
  });

  it('answers a follow-up without the wake word inside the window, and nothing after it closes', async () => {
    const audio = concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(1.5), followUp, pause(5), question, pause(2));
    const { calls, states } = await listen(audio, 4000);
    // wake → question answered → window opens → the follow-up's first word begins a turn, its end
    // answers it → window opens → closes unused after 4 s, so the last question, without the wake
    // word, is not taken
    expect(calls.map((c) => c.call)).toEqual(['begin', 'end', 'begin', 'end']);
    expect(states.map((s) => s.state)).toEqual(['capturing', 'answering', 'follow-up', 'capturing', 'answering', 'follow-up', 'waiting']);
    const [, secondBegin] = calls.filter((c) => c.call === 'begin') as [Call, Call];
    const followUpStartMs = 1000 + ms(wakePhrase) + 400 + ms(question) + 1500;
    expect(secondBegin.atMs).toBeGreaterThan(followUpStartMs);
    expect(secondBegin.atMs).toBeLessThan(followUpStartMs + 300);
  });

  it('closes the follow-up window quietly when nobody speaks', async () => {
    const { calls, state, states } = await listen(concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(5)), 2000);
    expect(calls.map((c) => c.call)).toEqual(['begin', 'end']);
    expect(states.map((s) => s.state)).toEqual(['capturing', 'answering', 'follow-up', 'waiting']);
    const opened = states[2]!;
    const closed = states[3]!;
    expect(closed.atMs - opened.atMs).toBeGreaterThanOrEqual(2000);
    expect(closed.atMs - opened.atMs).toBeLessThan(2300);
    expect(state).toBe('waiting');
  });

  it('stops a reply within 300 ms of stream time when the user starts speaking over it, and takes the new question', async () => {
    const before = concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(1.2));
    const audio = concatAudio(before, followUp, pause(2));
    const { calls, pushed } = await listen(audio, 6000, 20_000);
    expect(calls.map((c) => `${c.call} ${c.turnId}`)).toEqual(['begin t1', 'end t1', 'cancel t1', 'begin t2', 'end t2']);
    const stopped = calls[2] as Call;
    const onsetMs = ms(before);
    expect(stopped.atMs).toBeGreaterThan(onsetMs);
    expect(stopped.atMs - onsetMs).toBeLessThanOrEqual(300);
    // the new turn heard the whole new question, from its first word
    expect(((pushed.get('t2') ?? 0) / RATE) * 1000).toBeGreaterThan(ms(followUp));
  });

  it('does not take the echo of its own reply for the user speaking over it', async () => {
    const before = concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(1));
    const reply = concatAudio(await speakAs('the capital of france is paris, a city on the seine', voice), pause(2.5));
    const played = concatAudio(new Float32Array(before.length), reply);
    // what the microphone hears: Earshot's voice, quieter after the browser's echo cancellation
    const heard = concatAudio(before, reply.map((x) => x * 0.3));
    const { calls } = await listen(heard, 6000, 20_000, played);
    expect(calls.map((c) => `${c.call} ${c.turnId}`)).toEqual(['begin t1', 'end t1']);
    // without the played copy to compare with, the echo would have cut the reply off
    const unguarded = await listen(heard, 6000, 20_000);
    expect(unguarded.calls.map((c) => c.call)).toContain('cancel');
  });

  it('still stops the reply when the user talks over its echo', async () => {
    const before = concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(1));
    const reply = concatAudio(await speakAs('the capital of france is paris, a city on the seine, famous for its museums', voice), pause(3));
    const played = concatAudio(new Float32Array(before.length), reply);
    const echo = reply.map((x) => x * 0.3);
    // the user cuts in 1.2 s into the reply, louder than its echo
    const cutInMs = 1200;
    const at = Math.round((cutInMs / 1000) * RATE);
    for (let i = 0; i < followUp.length && at + i < echo.length; i++) echo[at + i] = (echo[at + i] as number) + (followUp[i] as number);
    const { calls } = await listen(concatAudio(before, echo), 6000, 20_000, played);
    expect(calls.slice(0, 4).map((c) => `${c.call} ${c.turnId}`)).toEqual(['begin t1', 'end t1', 'cancel t1', 'begin t2']);
    const stopped = calls[2] as Call;
    expect(stopped.atMs - (ms(before) + cutInMs)).toBeLessThanOrEqual(300);
  });

  it('stops a reply when the wake word is said over it, and listens to the new question', async () => {
    const audio = concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(1), wakePhrase, pause(0.4), followUp, pause(2.5));
    const secondWakeEndMs = 1000 + ms(wakePhrase) + 400 + ms(question) + 1000 + ms(wakePhrase);
    const { calls, cues } = await listen(audio, 0, 20_000);
    expect(calls.map((c) => `${c.call} ${c.turnId}`)).toEqual(['begin t1', 'end t1', 'cancel t1', 'begin t2', 'end t2']);
    const stopped = calls[2] as Call;
    expect(stopped.atMs).toBeGreaterThan(secondWakeEndMs - 250);
    expect(stopped.atMs).toBeLessThan(secondWakeEndMs + 600);
    expect(cues).toHaveLength(2);
  });

  it('does not wake itself when its own reply says the wake word and the microphone hears it', async () => {
    const before = concatAudio(pause(1), wakePhrase, pause(0.4), question, pause(1));
    const reply = concatAudio(await speakAs('you can wake me by saying', voice), pause(0.3), wakePhrase, pause(2.5));
    const played = concatAudio(new Float32Array(before.length), reply);
    // what the microphone hears: Earshot's voice, quieter after the browser's echo cancellation
    const heard = concatAudio(before, reply.map((x) => x * 0.5));
    const { calls } = await listen(heard, 0, 20_000, played);
    expect(calls.map((c) => `${c.call} ${c.turnId}`)).toEqual(['begin t1', 'end t1']);
    // the same sound without the played copy would have barged in
    const unguarded = await listen(heard, 0, 20_000);
    expect(unguarded.calls.map((c) => c.call)).toContain('cancel');
  });
});
