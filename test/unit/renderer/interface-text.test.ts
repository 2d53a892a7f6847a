import { describe, expect, it } from 'vitest';
import { messageParts } from '../../../src/renderer/src/banners/message-parts';
import { en } from '../../../src/renderer/src/i18n/messages-en';
import { ptBR } from '../../../src/renderer/src/i18n/messages-pt-BR';
import { CATALOGS, translate, uiLanguageOf } from '../../../src/renderer/src/i18n/translate';

describe('interface language', () => {
  it('follows the setting, or the system language when auto', () => {
    expect(uiLanguageOf('pt', ['en-US'])).toBe('pt');
    expect(uiLanguageOf('auto', ['pt-BR', 'en'])).toBe('pt');
    expect(uiLanguageOf('auto', ['de-DE', 'en-GB'])).toBe('en');
    expect(uiLanguageOf(undefined, ['fr'])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(CATALOGS.en, 'setup.ollama.down', { host: 'http://127.0.0.1:11434' })).toBe(
      'Ollama is not running at http://127.0.0.1:11434. Start the Ollama app (or install it from ollama.com), then press Retry.',
    );
    expect(translate(CATALOGS.pt, 'talk.button')).toBe('Falar');
    expect(translate(CATALOGS.en, 'latency.ms')).toBe('{ms} ms');
  });

  it('Portuguese has every message English has, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(ptBR[key])]).toEqual([key, placeholders(en[key])]);
      expect([key, ptBR[key].split('`').length]).toEqual([key, en[key].split('`').length]);
    }
  });
});

describe('banner text', () => {
  it('shows `commands` apart from the words around them', () => {
    expect(messageParts('Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`')).toEqual([
      { text: 'Ollama is not running at http://127.0.0.1:11434 — start it with ', code: false },
      { text: 'ollama serve', code: true },
    ]);
  });
});
