// What the user sets must reach the engines: a value the assistant hard-codes on its way from the
// settings to the transcriber would otherwise pass every other test, which all use the defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { createHarness } from '../support/assistant-harness';
import { burstAudio, streamAudio } from '../support/scripted-engines';

function withStt(stt: Partial<Settings['stt']>, language: Settings['language'] = 'en'): Settings {
  return { ...DEFAULT_SETTINGS, language, stt: { ...DEFAULT_SETTINGS.stt, ...stt } };
}

async function speakOneTurn(h: ReturnType<typeof createHarness>): Promise<void> {
  const turnId = h.assistant.beginTurn();
  await streamAudio(burstAudio([{ speech: 0.6 }, { silence: 0.2 }]), (c) => h.assistant.pushAudio(turnId, c));
  await h.assistant.endTurn(turnId);
}

describe('Assistant: settings reach the transcriber', () => {
  it('each spoken turn decodes with the beam size, token cap and language set at the time', async () => {
    const h = createHarness({ stt: { texts: ['one', 'two', 'three'] } });
    const seen: Array<{ beamSize: number; maxTokens: number; language: string }> = [];
    for (const [beamSize, maxTokens, language] of [
      [5, 120, 'pt'],
      [1, 60, 'en'],
      [2, 224, 'auto'],
    ] as const) {
      h.setSettings(withStt({ beamSize, maxTokens }, language));
      const before = h.stt.calls.length;
      await speakOneTurn(h);
      expect(h.stt.calls.length).toBeGreaterThan(before);
      for (const call of h.stt.calls.slice(before)) {
        seen.push({ beamSize: call.options.beamSize, maxTokens: call.options.maxTokens, language: call.options.language });
      }
    }
    expect(new Set(seen.map((s) => JSON.stringify(s)))).toEqual(
      new Set([
        JSON.stringify({ beamSize: 5, maxTokens: 120, language: 'pt' }),
        JSON.stringify({ beamSize: 1, maxTokens: 60, language: 'en' }),
        JSON.stringify({ beamSize: 2, maxTokens: 224, language: 'auto' }),
      ]),
    );
  });
});
