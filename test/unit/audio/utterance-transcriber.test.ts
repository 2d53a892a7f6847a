import { describe, expect, it } from 'vitest';
import { UtteranceTranscriber } from '../../../src/main/core/audio/utterance-transcriber';
import type { SpeechToText } from '../../../src/main/core/engines/types';
import { burstAudio, EnergyVad, ScriptedStt } from '../../support/scripted-engines';

describe('UtteranceTranscriber: a short clip with a pause', () => {
  it('decodes the whole clip in the language setting, not the one guessed from a fragment said while the key was held', async () => {
    // "Sim. … Pode ser." under 2 s: VAD closes "Sim." while the key is held, and the fragment alone
    // sounds English; the clip is then decoded whole, and must start again from "auto".
    const stt = new ScriptedStt({ texts: (audio) => (audio.length < 16_000 ? 'Sing.' : 'Sim. Pode ser.'), language: 'en' });
    const transcriber = new UtteranceTranscriber({
      stt,
      vad: new EnergyVad(),
      decode: { language: 'auto', beamSize: 1, maxTokens: 50 },
      signal: new AbortController().signal,
    });
    const audio = burstAudio([{ speech: 0.3 }, { silence: 0.5 }, { speech: 0.8 }]);
    for (let i = 0; i < audio.length; i += 1600) {
      transcriber.push(audio.slice(i, i + 1600));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await transcriber.finish();
    // One pass: the fragment VAD closed while the key was held is not transcribed on its own as well.
    expect(stt.calls).toHaveLength(1);
    expect(stt.calls[0]!.samples).toBe(audio.length);
    expect(stt.calls[0]!.options.language).toBe('auto');
    expect(result.text).toBe('Sim. Pode ser.');
  });
});

describe('UtteranceTranscriber: a clip that grows past the short-clip length', () => {
  it('transcribes a segment held back while the clip was short as soon as the clip is long, before key-up', async () => {
    const stt = new ScriptedStt({ texts: ['Olá.', 'Que horas são agora?'], language: 'pt' });
    const transcriber = new UtteranceTranscriber({ stt, vad: new EnergyVad(), decode: { language: 'pt', beamSize: 1, maxTokens: 50 }, signal: new AbortController().signal });
    const audio = burstAudio([{ speech: 0.5 }, { silence: 0.6 }, { speech: 1.8 }]);
    for (let i = 0; i < audio.length; i += 1600) {
      transcriber.push(audio.slice(i, i + 1600));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(stt.calls).toHaveLength(1); // the opening "Olá." while the key is still held
    expect(stt.calls[0]!.samples).toBeLessThan(16_000 * 1.2);
    const result = await transcriber.finish();
    expect(stt.calls).toHaveLength(2); // only the tail at key-up
    expect(result).toMatchObject({ text: 'Olá. Que horas são agora?', earlySegments: 1 });
  });
});

describe('UtteranceTranscriber: a long clip in auto language', () => {
  it('does not let a short opening word ("Ok.") decide the language of what follows', async () => {
    // Like Whisper: a 0.3 s fragment alone sounds English; the real question is clearly Portuguese.
    const calls: Array<{ samples: number; language: string }> = [];
    const stt: SpeechToText = {
      id: 'whisper-like',
      warm: async () => {},
      dispose: async () => {},
      async transcribe(audio, options) {
        calls.push({ samples: audio.length, language: options.language });
        const short = audio.length < 16_000;
        const language = options.language === 'auto' ? (short ? 'en' : 'pt') : options.language;
        return { text: short ? 'Ok.' : 'Pode marcar a reunião para amanhã?', language, tokenCount: 5 };
      },
    };
    const transcriber = new UtteranceTranscriber({ stt, vad: new EnergyVad(), decode: { language: 'auto', beamSize: 1, maxTokens: 50 }, signal: new AbortController().signal });
    const audio = burstAudio([{ speech: 0.3 }, { silence: 0.6 }, { speech: 2.5 }, { silence: 0.2 }]);
    for (let i = 0; i < audio.length; i += 1600) {
      transcriber.push(audio.slice(i, i + 1600));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await transcriber.finish();
    expect(calls.map((c) => c.language)).toEqual(['auto', 'auto']);
    expect(result.language).toBe('pt');
    expect(result.text).toBe('Ok. Pode marcar a reunião para amanhã?');
  });
});

describe('UtteranceTranscriber: more than Whisper takes at once, with no voice detector', () => {
  it('cuts the clip in a pause between words, not at a fixed point inside one', async () => {
    // 32 s of 0.4 s "words" and 0.13 s pauses: a piece must end in a pause.
    const stt = new ScriptedStt({ texts: ['one', 'two'] });
    const transcriber = new UtteranceTranscriber({ stt, vad: null, decode: { language: 'en', beamSize: 1, maxTokens: 50 }, signal: new AbortController().signal, minVadSeconds: 2 });
    const pattern = Array.from({ length: 61 }, () => [{ speech: 0.4 }, { silence: 0.13 }]).flat();
    const audio = burstAudio(pattern);
    for (let i = 0; i < audio.length; i += 16_000) transcriber.push(audio.slice(i, i + 16_000));
    await transcriber.finish();
    expect(stt.calls.length).toBeGreaterThanOrEqual(2);
    const firstCut = stt.calls[0]!.samples;
    expect(firstCut).toBeLessThanOrEqual(28 * 16_000);
    // Silent around the cut: the last and first 10 ms of the two pieces hold no sound.
    expect(Math.max(...audio.slice(firstCut - 160, firstCut + 160).map(Math.abs))).toBe(0);
  });
});


describe('UtteranceTranscriber: where the speech-to-text time went', () => {
  it('adds up the encoder and decoder time of every pass the transcript is made of', async () => {
    const stt: SpeechToText = {
      id: 'timed',
      warm: async () => {},
      dispose: async () => {},
      async transcribe(audio) {
        return { text: 'words', language: 'en', tokenCount: 1, timings: { encoderMs: 100, decoderMs: audio.length / 1600 } };
      },
    };
    const transcriber = new UtteranceTranscriber({ stt, vad: new EnergyVad(), decode: { language: 'en', beamSize: 1, maxTokens: 50 }, signal: new AbortController().signal });
    const audio = burstAudio([{ speech: 1.5 }, { silence: 0.6 }, { speech: 1.5 }]);
    for (let i = 0; i < audio.length; i += 1600) {
      transcriber.push(audio.slice(i, i + 1600));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await transcriber.finish();
    expect(result.text).toBe('words words');
    expect(result.timings?.encoderMs).toBe(200);
    expect(result.timings?.decoderMs).toBeGreaterThan(0);
  });
});
