import { describe, expect, it } from 'vitest';
import { ADVICE_BUDGETS, type AdvisedTurn, adviseOnLatency } from '../../../src/main/core/metrics/latency-advice';
import { applyPreset, DEFAULT_SETTINGS } from '../../../src/shared/settings';

interface Shape {
  clip?: number;
  stt?: number;
  beforeRequest?: number;
  firstToken?: number;
  firstSentence?: number;
  tts?: number;
  played?: boolean;
}

/** A spoken turn's marks from its stage durations (ms). */
function voiceTurn(at: number, shape: Shape = {}): AdvisedTurn {
  const { clip = 3000, stt = 200, beforeRequest = 10, firstToken = 300, firstSentence = 200, tts = 150, played = true } = shape;
  const sttDone = clip + stt;
  const llmRequest = sttDone + beforeRequest;
  const llmFirstToken = llmRequest + firstToken;
  const sentence = llmFirstToken + firstSentence;
  const ttsFirstChunk = sentence + tts;
  return {
    at,
    kind: 'voice',
    marks: {
      keyDown: 0,
      memoryReady: 5,
      keyUp: clip,
      sttDone,
      llmRequest,
      llmFirstToken,
      firstSentence: sentence,
      ttsFirstChunk,
      ...(played ? { firstAudioPlayed: ttsFirstChunk + 20 } : {}),
      llmDone: ttsFirstChunk + 600,
      turnDone: ttsFirstChunk + 900,
    },
  };
}

const MINUTE = 60_000;
/** Turns a minute apart, from a fixed start. */
const turns = (count: number, shape: Shape = {}) => Array.from({ length: count }, (_, i) => voiceTurn(1_700_000_000_000 + i * MINUTE, shape));
const ids = (list: AdvisedTurn[], settings = DEFAULT_SETTINGS) => adviseOnLatency(list, settings).map((a) => a.id);
const messageOf = (id: string, list: AdvisedTurn[], settings = DEFAULT_SETTINGS) => adviseOnLatency(list, settings).find((a) => a.id === id)?.message ?? '';

describe('latency advice', () => {
  it('has nothing to say about healthy turns, or about no turns at all', () => {
    expect(adviseOnLatency(turns(12), DEFAULT_SETTINGS)).toEqual([]);
    expect(adviseOnLatency([], DEFAULT_SETTINGS)).toEqual([]);
  });

  it('slow speech-to-text: names the p95 and the clip length, and suggests beam size 1 or whisper-tiny', () => {
    const beam3 = { ...DEFAULT_SETTINGS, stt: { ...DEFAULT_SETTINGS.stt, beamSize: 3 } };
    const message = messageOf('stt-slow', turns(12, { stt: 900 }), beam3);
    expect(message).toBe('STT p95 900 ms on 3 s clips: try beam size 1 or whisper-tiny (the "fast" preset).');
  });

  it('slow speech-to-text already decoding greedily (the default) suggests only whisper-tiny', () => {
    const message = messageOf('stt-slow', turns(12, { stt: 900 }));
    expect(message).toBe('STT p95 900 ms on 3 s clips: try whisper-tiny (the "fast" preset).');
  });

  it('slow speech-to-text with the fast settings already on does not suggest them again', () => {
    const message = messageOf('stt-slow', turns(12, { stt: 900 }), applyPreset(DEFAULT_SETTINGS, 'fast'));
    expect(message).toContain('STT p95 900 ms');
    expect(message).not.toContain('beam size 1');
    expect(message).toContain('already in use');
  });

  it('a slow first token on every turn means the prompt prefix is not being reused', () => {
    expect(messageOf('prompt-not-reused', turns(12, { firstToken: 1200 }))).toMatch(/^Prompt eval 1\.2 s .*prompt prefix is not being reused/);
    expect(ids(turns(12, { firstToken: ADVICE_BUDGETS.firstTokenP50Ms }))).not.toContain('prompt-not-reused');
  });

  it('many prompt tokens prefilled per turn mean the cached prefix is missed, even when the first token is quick', () => {
    const withPrefill = (tokens: number) => turns(12).map((t) => ({ ...t, prefillTokens: tokens }));
    expect(messageOf('prefill-tokens-high', withPrefill(480))).toMatch(/^Ollama prefilled 480 prompt tokens per turn \(p50;.*OLLAMA_NUM_PARALLEL=1/);
    expect(ids(withPrefill(ADVICE_BUDGETS.prefillTokensP50))).not.toContain('prefill-tokens-high');
    expect(ids(turns(12))).not.toContain('prefill-tokens-high'); // older turns recorded no count
  });

  it('a first token slow only after a pause means the model was unloaded: raise keep_alive', () => {
    const start = 1_700_000_000_000;
    const list = [
      ...Array.from({ length: 10 }, (_, i) => voiceTurn(start + i * MINUTE, { firstToken: 300 })),
      voiceTurn(start + 30 * MINUTE, { firstToken: 3500 }),
      voiceTurn(start + 31 * MINUTE, { firstToken: 300 }),
      voiceTurn(start + 60 * MINUTE, { firstToken: 3100 }),
    ];
    expect(messageOf('model-unloaded', list)).toBe(
      'First token slow after idle (3.1 s after a pause, 300 ms otherwise): the model is being unloaded; raise keep_alive (now 30m) in Settings, and check OLLAMA_KEEP_ALIVE and other models loaded in Ollama.',
    );
    expect(ids(list)).not.toContain('prompt-not-reused');
  });

  it('pauses that cost nothing give no keep_alive advice', () => {
    const start = 1_700_000_000_000;
    const list = Array.from({ length: 12 }, (_, i) => voiceTurn(start + i * 20 * MINUTE));
    expect(ids(list)).not.toContain('model-unloaded');
  });

  it('a model that writes its first sentence slowly: a smaller model', () => {
    expect(messageOf('llm-slow', turns(12, { firstSentence: 1500 }))).toContain('1.5 s (p50) to write its first sentence: llama3.2:3b is slow on this computer — try a smaller model');
  });

  it('slow speech for the first sentence with a medium voice: pick a low one', () => {
    expect(messageOf('tts-slow', turns(12, { tts: 900 }))).toBe(
      'Speaking the first sentence takes 900 ms (p95): choose a "low" or "x_low" voice instead of piper-pt_BR-faber-medium.',
    );
  });

  it('time lost between the transcript and the model request points at memory and the embedding model', () => {
    const message = messageOf('slow-before-request', turns(12, { beforeRequest: 400 }));
    expect(message).toContain('400 ms (p95) pass between the transcript and the request to the model');
    expect(message).toContain('or turn memory off');
  });

  it('few turns: the percentiles are rough', () => {
    expect(messageOf('few-turns', turns(3))).toBe('Only 3 turns recorded: the percentiles are rough — talk a little more and run analyze again.');
  });

  it('spoken turns that never reported playback: voice-to-voice is not measured', () => {
    expect(ids(turns(12, { played: false }))).toEqual(['no-playback']);
  });
});
