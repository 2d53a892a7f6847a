import { describe, expect, it } from 'vitest';
import { UtteranceTranscriber } from '../../src/main/core/utterance-transcriber';
import { burstAudio, EnergyVad, ScriptedStt } from '../support/scripted-engines';

describe('UtteranceTranscriber: a short clip with a pause', () => {
  it('decodes the whole clip in the language setting, not the one guessed from a fragment said while the key was held', async () => {
    // "Sim. … Pode ser." under 2 s: VAD closes "Sim." while the key is held, and the fragment alone
    // sounds English; the clip is then decoded whole, and must start again from "auto".
    const stt = new ScriptedStt({ texts: (_audio, call) => (call === 0 ? 'Sing.' : 'Sim. Pode ser.'), language: 'en' });
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
    expect(stt.calls.length).toBeGreaterThanOrEqual(2);
    expect(stt.calls[0]!.samples).toBeLessThan(stt.calls.at(-1)!.samples); // a fragment first, then the whole clip
    expect(stt.calls.at(-1)!.options.language).toBe('auto');
    expect(result.text).toBe('Sim. Pode ser.');
  });
});
