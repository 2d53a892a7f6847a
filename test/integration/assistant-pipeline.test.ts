import { describe, expect, it } from 'vitest';
import { EarshotError } from '../../src/shared/errors';
import { createHarness } from '../support/assistant-harness';
import { burstAudio, sleep, streamAudio } from '../support/scripted-engines';

describe('Assistant: a typed question', () => {
  it('streams tokens, splits sentences and speaks the first before the LLM has finished', async () => {
    const h = createHarness({
      llm: { reply: 'The sky is blue. Sunlight scatters off the air, and blue scatters most. Anything else?', firstTokenMs: 20, perTokenMs: 15 },
    });
    const { result } = h.assistant.askText('Why is the sky blue?');
    const done = await result;

    expect(done.error).toBeNull();
    expect(done.complete).toBe(true);
    expect(done.reply).toBe('The sky is blue. Sunlight scatters off the air, and blue scatters most. Anything else?');
    expect(h.of('token').map((t) => t.text).join('')).toBe(done.reply);
    expect(h.of('sentence').map((s) => s.text)).toEqual([
      'The sky is blue.',
      'Sunlight scatters off the air, and blue scatters most.',
      'Anything else?',
    ]);
    expect(h.tts?.spoken).toEqual(h.of('sentence').map((s) => s.text));
    const m = done.marks;
    // Overlap: the first audio exists while the LLM is still writing.
    expect(m.ttsFirstChunk).toBeLessThan(m.llmDone as number);
    expect(m.llmRequest).toBeLessThanOrEqual(m.llmFirstToken as number);
    expect(m.llmFirstToken).toBeLessThanOrEqual(m.firstSentence as number);
    expect(m.firstSentence).toBeLessThanOrEqual(m.ttsFirstChunk as number);
    expect(m.turnDone).toBeGreaterThanOrEqual(m.llmDone as number);
    // Audio chunks are numbered in order and the state went thinking → speaking → idle.
    expect(h.of('audio').map((a) => a.seq)).toEqual(h.of('audio').map((_, i) => i));
    expect(h.of('state').map((s) => s.state)).toEqual(['thinking', 'speaking', 'idle']);
  });

  it('sends num_ctx 2048, the token cap and the keep-alive from settings', async () => {
    const h = createHarness();
    await h.assistant.askText('Hello there').result;
    const request = h.llm.requests[0];
    expect(request?.contextTokens).toBe(2048);
    expect(request?.maxTokens).toBe(300);
    expect(request?.keepAlive).toBe('30m');
    expect(request?.messages.at(-1)).toEqual({ role: 'user', content: 'Hello there' });
  });

  it('answers Portuguese in Portuguese: the splitter and voice follow the language', async () => {
    const h = createHarness({ llm: { reply: 'O céu é azul. A luz azul se espalha mais.' } });
    const done = await h.assistant.askText('Por que o céu é azul?').result;
    expect(done.language).toBe('pt');
    expect(h.of('sentence').map((s) => s.text)).toEqual(['O céu é azul.', 'A luz azul se espalha mais.']);
  });

  it('without speech, no audio is made', async () => {
    const h = createHarness();
    const done = await h.assistant.askText('Hi', { speech: false }).result;
    expect(done.reply).not.toBe('');
    expect(h.of('audio')).toHaveLength(0);
    expect(h.tts?.spoken).toHaveLength(0);
    expect(done.marks.ttsFirstChunk).toBeUndefined();
  });

  it('keeps a partial reply, marked incomplete, when the LLM fails mid-stream', async () => {
    const h = createHarness({
      llm: { reply: 'One. Two. Three.', failWith: new EarshotError('llm_stream_broken', 'The reply was cut off — try again.'), failAfterTokens: 2 },
    });
    const done = await h.assistant.askText('Count').result;
    expect(done.complete).toBe(false);
    expect(done.error?.code).toBe('llm_stream_broken');
    expect(done.reply).toBe('One. Two.');
    await h.assistant.idle();
    expect(h.history.turns[0]).toMatchObject({ transcript: 'Count', reply: 'One. Two.', complete: false });
    expect(h.of('error')[0]?.error.message).toContain('try again');
  });

  it('a TTS failure still delivers the text and reports the voice problem once', async () => {
    const h = createHarness({ tts: { failWith: new EarshotError('tts_model_missing', 'Voice "x" not found — run `npm run models -- fetch x`') } });
    const done = await h.assistant.askText('Hello').result;
    expect(done.reply).not.toBe('');
    expect(done.error?.code).toBe('tts_model_missing');
    expect(h.of('error')).toHaveLength(1);
  });
});

describe('Assistant: a spoken turn', () => {
  it('transcribes segments that end while the key is held, so key-up leaves only the tail', async () => {
    const h = createHarness({ stt: { texts: ['Set a timer', 'for ten minutes'], msPerAudioSecond: 100 } });
    const turnId = h.assistant.beginTurn();
    const audio = burstAudio([{ speech: 1.2 }, { silence: 0.8 }, { speech: 1.0 }, { silence: 0.1 }]);
    await streamAudio(audio, (c) => h.assistant.pushAudio(turnId, c));
    await sleep(150); // the first segment's transcription finishes while the key is still down
    expect(h.stt.calls).toHaveLength(1);
    const keyUpAt = performance.now();
    const done = await h.assistant.endTurn(turnId);
    expect(done.transcript).toBe('Set a timer for ten minutes');
    expect(h.stt.calls).toHaveLength(2);
    expect(h.stt.calls[0]?.at).toBeLessThan(keyUpAt);
    // The tail is only the second burst, not the whole utterance.
    expect(h.stt.calls[1]?.samples).toBeLessThan(1.3 * 16_000);
    expect(done.marks.keyDown).toBe(0);
    expect(done.marks.sttDone).toBeGreaterThan(done.marks.keyUp as number);
    expect(h.of('transcript').at(-1)).toMatchObject({ text: 'Set a timer for ten minutes', final: true });
  });

  it('audio under 2 s skips VAD and is transcribed whole in one pass', async () => {
    const h = createHarness({ stt: { texts: ['Hi'] } });
    const turnId = h.assistant.beginTurn();
    await streamAudio(burstAudio([{ speech: 0.5 }, { silence: 0.6 }, { speech: 0.5 }]), (c) => h.assistant.pushAudio(turnId, c));
    const done = await h.assistant.endTurn(turnId);
    expect(done.transcript).toBe('Hi');
    expect(h.stt.calls.at(-1)?.samples).toBe(Math.round(1.6 * 16_000));
  });

  it('warms speech-to-text and the LLM on key-down', async () => {
    const h = createHarness();
    const turnId = h.assistant.beginTurn();
    expect(h.stt.warmCalls).toBe(1);
    expect(h.stt.warmBeams).toEqual([1]); // the setting's beam count (greedy by default)
    expect(h.llm.warmed).toEqual(['llama3.2:3b']);
    h.assistant.cancel(turnId);
  });

  it('silence gives a clear "nothing heard" error and no LLM request', async () => {
    const h = createHarness({ stt: { texts: [''] } });
    const turnId = h.assistant.beginTurn();
    h.assistant.pushAudio(turnId, new Float32Array(16_000 * 3));
    const done = await h.assistant.endTurn(turnId);
    expect(done.error?.code).toBe('audio_empty');
    expect(done.error?.message).toMatch(/microphone|hold the key/);
    expect(h.llm.requests).toHaveLength(0);
  });

  it('NaN samples are treated as silence instead of poisoning the transcript', async () => {
    const h = createHarness({ stt: { texts: (audio) => (audio.every(Number.isFinite) ? 'clean' : 'poisoned') } });
    const turnId = h.assistant.beginTurn();
    h.assistant.pushAudio(turnId, burstAudio([{ speech: 0.8 }]));
    h.assistant.pushAudio(turnId, new Float32Array(8000).fill(Number.NaN));
    const done = await h.assistant.endTurn(turnId);
    expect(done.transcript).toBe('clean');
  });

  it('a short tap with no speech is not sent to speech-to-text, which would make words up', async () => {
    const h = createHarness({ stt: { texts: ['Thank you.'] } });
    const turnId = h.assistant.beginTurn();
    h.assistant.pushAudio(turnId, new Float32Array(16_000).fill(0.001));
    const done = await h.assistant.endTurn(turnId);
    expect(done.error?.code).toBe('audio_empty');
    expect(h.stt.calls).toHaveLength(0);
    expect(h.llm.requests).toHaveLength(0);
  });

  it('a short clip is transcribed once, whole, even when VAD closes a segment in it after key-up', async () => {
    const h = createHarness({ stt: { texts: (audio) => (audio.length > 16_000 ? 'Hi. Stop now.' : 'Hi.'), msPerAudioSecond: 400 } });
    const turnId = h.assistant.beginTurn();
    // Key-up comes before VAD has looked at the second chunk, whose pause ends the first segment.
    for (const chunk of [burstAudio([{ speech: 0.4 }]), burstAudio([{ silence: 0.45 }, { speech: 0.6 }])]) h.assistant.pushAudio(turnId, chunk);
    const done = await h.assistant.endTurn(turnId);
    expect(done.transcript).toBe('Hi. Stop now.');
    // One pass over the whole clip: the segment VAD closes after key-up is not transcribed as well
    // (that wasted pass would hold the model while the next turn waits).
    expect(h.stt.calls.map((c) => c.samples)).toEqual([Math.round(1.45 * 16_000)]);
  });

  it('rejects audio that is not Float32 samples, and chunks for a turn that is over', async () => {
    const h = createHarness();
    const turnId = h.assistant.beginTurn();
    expect(() => h.assistant.pushAudio(turnId, [0.1, 0.2] as unknown as Float32Array)).toThrow(/Float32/);
    h.assistant.cancel(turnId);
    expect(h.assistant.pushAudio(turnId, new Float32Array(10))).toBe(false);
    await expect(h.assistant.endTurn(turnId)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('Assistant: barge-in', () => {
  it('cancel stops tokens, audio and the engines at once and keeps the partial reply', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} goes here.`).join(' ');
    const h = createHarness({ llm: { reply: long, perTokenMs: 10 } });
    const { turnId, result } = h.assistant.askText('Talk a lot');
    while (h.of('audio').length === 0) await sleep(5);
    const tokensAtCancel = h.of('token').length;
    const audioAtCancel = h.of('audio').length;
    expect(h.assistant.cancel(turnId)).toBe(true);
    const done = await result;
    // The reply had over a hundred tokens to go: the turn ended with none of them sent on.
    expect(h.of('token').length).toBe(tokensAtCancel);
    expect(h.of('audio').length).toBe(audioAtCancel);
    const countAtCancel = h.events.length;
    await sleep(100);
    // Nothing more reaches the user after the stop.
    expect(h.events.length).toBe(countAtCancel);
    expect(h.llm.aborted).toBe(1);
    expect(done.complete).toBe(false);
    expect(done.error?.code).toBe('cancelled');
    expect(done.reply.length).toBeGreaterThan(0);
    expect(long.startsWith(done.reply)).toBe(true);
    await h.assistant.idle();
    expect(h.history.turns[0]).toMatchObject({ complete: false, reply: done.reply });
  });

  it('pressing the key while it speaks cancels that turn and starts listening', async () => {
    const h = createHarness({ llm: { reply: 'A long answer. '.repeat(20), perTokenMs: 10 } });
    const first = h.assistant.askText('Tell me something');
    while (h.of('audio').length === 0) await sleep(5);
    const second = h.assistant.beginTurn();
    expect((await first.result).error?.code).toBe('cancelled');
    expect(h.assistant.activeTurnId).toBe(second);
    h.assistant.cancel();
  });

  it('a turn takes the id its caller chose, so its events are known as its own from the first one; an id in use is refused', async () => {
    const h = createHarness();
    expect(h.assistant.beginTurn({ id: 'page-1' })).toBe('page-1');
    expect(h.events[0]).toMatchObject({ turnId: 'page-1', type: 'state', state: 'listening' });
    expect(() => h.assistant.beginTurn({ id: 'page-1' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(h.assistant.activeTurnId).toBe('page-1');
    h.assistant.cancel();
    expect(h.assistant.askText('Hi', { id: 'page-2' }).turnId).toBe('page-2');
  });

  it('a tap the page heard no speech in, and speech-to-text neither, is no turn: nothing said aloud, shown or recorded', async () => {
    const recorded: string[] = [];
    const h = createHarness({
      stores: { metrics: { record: (turnId) => recorded.push(turnId) } },
      spokenError: (code) => (code === 'audio_empty' ? "I didn't hear anything." : null),
    });
    const id = h.assistant.beginTurn({ id: 'tap' });
    h.assistant.pushAudio(id, new Float32Array(1600));
    const done = await h.assistant.endTurn(id, { silentIfEmpty: true });
    await h.assistant.idle();
    expect(done.error?.code).toBe('cancelled');
    expect(h.of('error').filter((e) => e.error.code !== 'cancelled')).toEqual([]);
    expect(h.of('audio')).toEqual([]);
    expect(h.history.turns).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('a capture dropped before key-up (nothing was said) leaves no history and no latency record', async () => {
    const recorded: string[] = [];
    const h = createHarness({ stores: { metrics: { record: (turnId) => recorded.push(turnId) } } });
    const id = h.assistant.beginTurn({ id: 'tap' });
    h.assistant.cancel(id);
    await h.assistant.idle();
    expect(h.history.turns).toEqual([]);
    expect(recorded).toEqual([]);
    await h.assistant.askText('Hello', { id: 'asked' }).result;
    await h.assistant.idle();
    expect(recorded).toEqual(['asked']);
  });
});

describe('Assistant: memory preparation', () => {
  it('prepares memory in parallel with speech-to-text (memoryReady before sttDone)', async () => {
    let prepared = 0;
    const h = createHarness({
      stt: { texts: ['What is my name?'], fixedMs: 150 },
      stores: {
        memory: {
          prepare: () => {
            const ready = sleep(30).then(() => void (prepared += 1));
            return { ready, finish: async () => (await ready, { texts: ['The user is called Ana.'], relevant: ['The user is called Ana.'] }) };
          },
          afterTurn: () => undefined,
        },
      },
    });
    const turnId = h.assistant.beginTurn();
    h.assistant.pushAudio(turnId, burstAudio([{ speech: 1 }]));
    const done = await h.assistant.endTurn(turnId);
    expect(prepared).toBe(1);
    expect(done.marks.memoryReady).toBeLessThan(done.marks.sttDone as number);
  });
});

describe('Assistant: long and odd audio', () => {
  it('ten minutes of audio: the first two minutes are used and the user is told', async () => {
    const h = createHarness({ stt: { texts: ['A very long question'], msPerAudioSecond: 1 } });
    const turnId = h.assistant.beginTurn();
    const minute = burstAudio([{ speech: 50 }, { silence: 10 }]);
    for (let m = 0; m < 10; m++) for (let i = 0; i < minute.length; i += 16_000) h.assistant.pushAudio(turnId, minute.subarray(i, i + 16_000));
    const done = await h.assistant.endTurn(turnId);
    expect(done.error).toBeNull();
    expect(done.transcript).toContain('A very long question');
    const heard = h.stt.calls.reduce((sum, c) => sum + c.samples, 0) / 16_000;
    expect(heard).toBeLessThanOrEqual(120);
    expect(h.of('error').map((e) => e.error)).toEqual([{ code: 'audio_too_long', params: { seconds: 120 }, message: 'Only the first 120 s of speech were used — keep each question shorter than that.' }]);
  });

  it('an empty turn (key tapped, no audio) says nothing was heard', async () => {
    const h = createHarness();
    const turnId = h.assistant.beginTurn();
    const done = await h.assistant.endTurn(turnId);
    expect(done.error?.code).toBe('audio_empty');
    expect(h.stt.calls).toHaveLength(0);
  });
});

describe('Assistant: saving the conversation', () => {
  it('a disk-full history write loses nothing: the user is told once, and the turn is saved, in order, when writing works again', async () => {
    const saved: string[] = [];
    let diskFull = true;
    const history = {
      recent: () => [],
      append: (turn: { transcript: string }) => {
        if (diskFull) throw new EarshotError('disk_full', 'The disk is full — free some space.');
        saved.push(turn.transcript);
      },
    };
    const h = createHarness({ stores: { history } });
    expect((await h.assistant.askText('First question').result).reply).not.toBe('');
    await h.assistant.askText('Second question').result;
    await h.assistant.idle();
    expect(saved).toEqual([]);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]).toMatch(/could not be saved.*disk is full.*tries again/);
    diskFull = false;
    await h.assistant.askText('Third question').result;
    await h.assistant.idle();
    expect(saved).toEqual(['First question', 'Second question', 'Third question']);
    expect(h.notices.at(-1)).toMatch(/being saved again/);
  });
});

describe('Assistant: follow-ups', () => {
  it('a question typed while the previous reply still streams sees that exchange in its prompt', async () => {
    const h = createHarness({ llm: { reply: 'Paris is the capital of France. It has about two million people.', perTokenMs: 15 } });
    const first = h.assistant.askText('What is the capital of France?');
    while (h.of('token').length < 3) await sleep(5);
    const second = h.assistant.askText('And what about it in winter?');
    expect((await first.result).complete).toBe(false);
    await second.result;
    const prompt = h.llm.requests[1]?.messages ?? [];
    expect(prompt.map((m) => m.content)).toContain('What is the capital of France?');
    expect(prompt.at(-1)).toEqual({ role: 'user', content: 'And what about it in winter?' });
  });
});

describe('Assistant: review fixes', () => {
  it('profile facts in the prompt are part of the response cache scope; the answer may still be cached', async () => {
    const saved: Array<{ systemPrompt: string; usedContext: boolean }> = [];
    const h = createHarness({
      stores: {
        responseCache: { lookup: async () => null, save: async (q) => (saved.push(q), true) },
        memory: {
          prepare: () => ({ ready: Promise.resolve(), finish: async () => ({ texts: ['The user is called Ana.'], relevant: [] }) }),
          afterTurn: () => undefined,
        },
      },
    });
    await h.assistant.askText('What is the capital of France?').result;
    await h.assistant.idle();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.usedContext).toBe(false);
    expect(saved[0]?.systemPrompt).toContain('The user is called Ana.');
  });

  it('when the LLM fails mid-reply, the sentences already written are still spoken before the turn ends', async () => {
    const h = createHarness({
      llm: { reply: 'One sentence here. Two sentences here. Three.', failWith: new EarshotError('llm_stream_broken', 'cut off — try again'), failAfterTokens: 6 },
      tts: { realTimeFactor: 1, secondsPerChar: 0.01 },
    });
    const done = await h.assistant.askText('Count').result;
    expect(done.error?.code).toBe('llm_stream_broken');
    expect(h.of('sentence').map((s) => s.text)).toEqual(['One sentence here.', 'Two sentences here.']);
    expect(new Set(h.of('audio').map((a) => a.sentence))).toEqual(new Set([0, 1]));
  });

  it('a cancel while speech-to-text runs does not go on to ask the LLM', async () => {
    const h = createHarness({ stt: { texts: ['Hello'], fixedMs: 150 } });
    const turnId = h.assistant.beginTurn();
    h.assistant.pushAudio(turnId, burstAudio([{ speech: 1 }]));
    const result = h.assistant.endTurn(turnId);
    await sleep(20);
    h.assistant.cancel(turnId);
    expect((await result).error?.code).toBe('cancelled');
    await sleep(300);
    expect(h.llm.requests).toHaveLength(0);
  });
});

describe('Assistant: an error before any transcript, in auto language', () => {
  it('is spoken in the language the conversation was in', async () => {
    const h = createHarness({
      stt: { texts: (audio) => (audio.some((x) => Math.abs(x) > 0.05) ? 'Qual é a capital do Brasil?' : ''), language: 'pt' },
      llm: { reply: 'A capital do Brasil é Brasília.' },
      settings: { language: 'auto' },
      spokenError: (code, language) => (code === 'audio_empty' ? { en: "I didn't hear anything.", pt: 'Não ouvi nada.' }[language] : null),
    });
    let id = h.assistant.beginTurn();
    h.assistant.pushAudio(id, burstAudio([{ speech: 1.5 }, { silence: 0.2 }]));
    expect((await h.assistant.endTurn(id)).language).toBe('pt');
    id = h.assistant.beginTurn(); // a tap, nothing said
    h.assistant.pushAudio(id, new Float32Array(8000));
    const silent = await h.assistant.endTurn(id);
    expect(silent.error?.code).toBe('audio_empty');
    expect(h.tts?.spoken.at(-1)).toBe('Não ouvi nada.');
    await h.assistant.dispose();
  });
});


describe('Assistant: marks without memory', () => {
  it('has no memoryReady when there is no memory to prepare (the memory stage would be hold time + STT)', async () => {
    const h = createHarness({ settings: { memory: { enabled: false } } });
    const id = h.assistant.beginTurn();
    h.assistant.pushAudio(id, burstAudio([{ speech: 1 }, { silence: 0.2 }]));
    const done = await h.assistant.endTurn(id);
    expect(done.error).toBeNull();
    expect(done.marks.sttDone).toBeTypeOf('number');
    expect(done.marks.memoryReady).toBeUndefined();
    await h.assistant.dispose();
  });
});
