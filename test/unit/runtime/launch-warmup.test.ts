import { describe, expect, it } from 'vitest';
import { likelyLanguage, warmAtLaunch } from '../../../src/main/core/runtime/launch-warmup';
import type { Language } from '../../../src/shared/turn';
import { silentLogger } from '../../../src/main/core/platform/logger';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { MemoryHistory } from '../../support/assistant-harness';
import { turn } from '../../support/store-fixtures';
import type { TextToSpeech } from '../../../src/main/core/engines/types';

function setup(patch: Partial<Settings> = {}, lastLanguage: Language = 'pt') {
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
  const run = () => warmAtLaunch({ settings: () => settings, tts: () => tts, responseCache, history, logger: silentLogger, signal: new AbortController().signal });
  return { run, warmedVoices, cacheWarms };
}

describe('likelyLanguage', () => {
  it('is the language setting, or in auto the language of the last conversation', () => {
    expect(likelyLanguage('en', 'pt')).toBe('en');
    expect(likelyLanguage('auto', 'pt')).toBe('pt');
    expect(likelyLanguage('auto', undefined)).toBe('en');
  });
});

describe('warmAtLaunch', () => {
  it('warms the response cache and the voice the first reply will most likely use', async () => {
    const { run, warmedVoices, cacheWarms } = setup({ language: 'auto' });
    await run();
    expect(cacheWarms).toHaveLength(1);
    expect(warmedVoices).toEqual(['pt']);
  });

  it('leaves alone what is switched off', async () => {
    const { run, warmedVoices, cacheWarms } = setup({ cache: { ...DEFAULT_SETTINGS.cache, enabled: false }, tts: { ...DEFAULT_SETTINGS.tts, enabled: false } });
    await run();
    expect(cacheWarms).toHaveLength(0);
    expect(warmedVoices).toEqual([]);
  });
});
