import { describe, expect, it } from 'vitest';
import { bannerFix, bannerForError, bannerMessage } from '../../../src/renderer/src/banners/banner-for-error';
import { ERROR_WORDING, errorText } from '../../../src/renderer/src/banners/error-wording';
import { messageParts } from '../../../src/renderer/src/banners/message-parts';
import type { MessageKey } from '../../../src/renderer/src/i18n/messages-en';
import { CATALOGS, translate, type MessageParams } from '../../../src/renderer/src/i18n/translate';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import { ERROR_CODES, type ErrorInfo } from '../../../src/shared/errors';

const tPt = (key: MessageKey, params?: MessageParams) => translate(CATALOGS.pt, key, params);

describe('banners', () => {
  // As main sends it (ollama-errors.ts): the code, its params and the English sentence for logs.
  const modelMissing: ErrorInfo = {
    code: 'llm_model_missing',
    params: { model: 'llama3.2:3b' },
    message: 'The model "llama3.2:3b" is not installed in Ollama — run `ollama pull llama3.2:3b`',
  };

  it('keep one banner per code, warnings for what the person can simply retry', () => {
    expect(bannerForError(modelMissing)).toMatchObject({ id: 'llm_model_missing', level: 'error' });
    expect(bannerForError({ code: 'audio_empty', message: 'x' })).toMatchObject({ id: 'audio_empty', level: 'warning' });
  });

  it('a banner already on screen follows a change of language', () => {
    const store = createAppStore(['en-US']);
    store.getState().showBanner(bannerForError(modelMissing));
    store.getState().showBanner({ id: 'connection', level: 'error', text: { kind: 'catalog', key: 'connection.lost' } });
    const shown = (language: 'en' | 'pt') => store.getState().banners.map((b) => bannerMessage(b.text, CATALOGS[language]));
    expect(shown('en')).toEqual([
      'The model "llama3.2:3b" is not installed in Ollama. Press Download model to get it, or to pick one that is installed.',
      translate(CATALOGS.en, 'connection.lost'),
    ]);
    expect(shown('pt')).toEqual([
      'O modelo "llama3.2:3b" não está instalado no Ollama. Toque em Baixar modelo para baixá-lo ou escolher um já instalado.',
      translate(CATALOGS.pt, 'connection.lost'),
    ]);
  });

  it("the page's own microphone errors are worded from their variant", () => {
    const failed: ErrorInfo = { code: 'internal', params: { variant: 'micFailed', detail: 'NotReadableError' }, message: 'x' };
    expect(errorText(failed, {}, tPt)).toBe(translate(CATALOGS.pt, 'mic.failed', { detail: 'NotReadableError' }));
    expect(errorText({ code: 'permission_denied', params: { variant: 'micDenied' }, message: 'x' }, {}, tPt)).toBe(CATALOGS.pt['mic.denied']);
  });

  it('never asks a person at the window to type a command: each error is worded around a button', () => {
    for (const code of ERROR_CODES) {
      const wording = ERROR_WORDING[code];
      for (const key of [wording.plain, wording.precise, ...Object.values(wording.variants ?? {})]) {
        if (!key) continue;
        for (const language of ['en', 'pt'] as const) {
          const text = CATALOGS[language][key];
          expect(messageParts(text).filter((p) => p.code), `${language} ${key}`).toEqual([]);
          expect(text, `${language} ${key}`).not.toMatch(/ollama (serve|pull)|npm run/);
        }
      }
    }
  });

  it('offers Retry for Ollama not answering and Download model for a missing model', () => {
    expect(bannerFix(bannerForError({ code: 'llm_unreachable', message: 'x' }).text)).toBe('retry');
    expect(bannerFix(bannerForError(modelMissing).text)).toBe('download');
    expect(bannerFix(bannerForError({ code: 'stt_model_missing', message: 'x' }).text)).toBe('download');
    // A name Ollama's library does not know cannot be downloaded.
    expect(bannerFix(bannerForError({ code: 'llm_model_missing', params: { variant: 'unknown' }, message: 'x' }).text)).toBeNull();
    expect(bannerFix(bannerForError({ code: 'audio_empty', message: 'x' }).text)).toBeNull();
  });
});
