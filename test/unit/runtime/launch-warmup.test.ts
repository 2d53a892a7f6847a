import { describe, expect, it } from 'vitest';
import { likelyLanguage, warmAtLaunch } from '../../../src/main/core/runtime/launch-warmup';
import type { Language } from '../../../src/shared/turn';
import { silentLogger } from '../../../src/main/core/platform/logger';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { MemoryHistory } from '../../support/assistant-harness';
import { turn } from '../../support/store-fixtures';
import type { SpeechToText, TextToSpeech } from '../../../src/main/core/engines/types';
import { EarshotError } from '../../../src/shared/errors';

function setup(patch: Partial<Settings> = {}, lastLanguage: Language = 'pt', sttWarm: () => Promise<void> = async () => undefined) {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...patch };
  const warmedVoices: Language[] = [];
  const tts: TextToSpeech = {
    voiceId: (language) => `voice-${language}`,
    warm: async (language) => {
      warmedVoices.push(language);
    },
    synthesize: async () => ({ sampleRate: 16_000, samples: new Float32Array(0) }),
    dispose: async () => {},
  };
  const sttWarms: (number | undefined)[] = [];
  const stt: SpeechToText = {
    id: 'whisper',
    warm: (beamSize) => {
      sttWarms.push(beamSize);
      return sttWarm();
    },
    transcribe: async () => ({ text: '', language: 'en', tokenCount: 0 }),
    dispose: async () => {},
  };
  const cacheWarms: number[] = [];
  const responseCache = {
    lookup: async () => null,
    save: async () => true,
    warm: async () => {
      cacheWarms.push(1);
      return { scopes: 1, entries: 3, embedderAwake: true };
    },
  };
  const history = new MemoryHistory();
  history.append(turn(1, { language: lastLanguage }));
  const run = () => warmAtLaunch({ settings: () => settings, stt: () => stt, tts: () => tts, responseCache, history, logger: silentLogger, signal: new AbortController().signal });
  return { run, warmedVoices, cacheWarms, sttWarms: () => sttWarms.length, sttBeams: sttWarms };
}

describe('likelyLanguage', () => {
  it('is the language setting, or in auto the language of the last conversation', () => {
    expect(likelyLanguage('en', 'pt')).toBe('en');
    expect(likelyLanguage('auto', 'pt')).toBe('pt');
    expect(likelyLanguage('auto', undefined)).toBe('en');
  });
});

describe('warmAtLaunch', () => {
  it('warms the response cache, Whisper and the voice the first reply will most likely use', async () => {
    const { run, warmedVoices, cacheWarms, sttWarms } = setup({ language: 'auto' });
    await run();
    expect(cacheWarms).toHaveLength(1);
    expect(sttWarms()).toBe(1);
    expect(warmedVoices).toEqual(['pt']);
  });

  it("warms Whisper with the beam count from settings, so a 5-beam decoder's first runs are not the person's", async () => {
    const { run, sttBeams } = setup({ stt: { ...DEFAULT_SETTINGS.stt, beamSize: 5 } });
    await run();
    expect(sttBeams).toEqual([5]);
  });

  it('still warms the rest when the Whisper model is not installed', async () => {
    const missing = () => Promise.reject(new EarshotError('stt_model_missing', 'Whisper model "whisper-base" is not installed.'));
    const { run, warmedVoices, cacheWarms, sttWarms } = setup({ language: 'en' }, 'pt', missing);
    await expect(run()).resolves.toBeUndefined();
    expect(sttWarms()).toBe(1);
    expect(cacheWarms).toHaveLength(1);
    expect(warmedVoices).toEqual(['en']);
  });

  it('leaves alone what is switched off', async () => {
    const { run, warmedVoices, cacheWarms } = setup({ cache: { ...DEFAULT_SETTINGS.cache, enabled: false }, tts: { ...DEFAULT_SETTINGS.tts, enabled: false } });
    await run();
    expect(cacheWarms).toHaveLength(0);
    expect(warmedVoices).toEqual([]);
  });
});
