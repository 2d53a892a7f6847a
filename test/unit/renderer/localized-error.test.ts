import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../src/shared/errors';
import { bannerForError, bannerMessage } from '../../../src/renderer/src/banners/banner-for-error';
import { localizedError, ollamaDownText } from '../../../src/renderer/src/banners/localized-error';
import { messageParts } from '../../../src/renderer/src/banners/message-parts';
import type { MessageKey } from '../../../src/renderer/src/i18n/messages-en';
import { CATALOGS, translate, type MessageParams } from '../../../src/renderer/src/i18n/translate';
import { createAppStore } from '../../../src/renderer/src/store/app-store';

const tEn = (key: MessageKey, params?: MessageParams) => translate(CATALOGS.en, key, params);
const tPt = (key: MessageKey, params?: MessageParams) => translate(CATALOGS.pt, key, params);

const HOST = 'http://127.0.0.1:11434';
// The messages exactly as main writes them (src/main/core/engines/ollama-errors.ts and friends).
const unreachable: ErrorInfo = { code: 'llm_unreachable', message: `Ollama is not running at ${HOST} — start it with \`ollama serve\`` };
const modelMissing: ErrorInfo = { code: 'llm_model_missing', message: 'The model "llama3.2:3b" is not installed in Ollama — run `ollama pull llama3.2:3b`' };
const timeout: ErrorInfo = { code: 'llm_timeout', message: `Ollama at ${HOST} did not start answering within 30 s — it may still be loading "qwen2.5:7b"; try again, or raise the timeout in settings` };
const voiceFileMissing: ErrorInfo = { code: 'tts_model_missing', message: 'Voice "piper-pt" not found in /home/ana/models (model.onnx is missing) — run `npm run models -- fetch piper-pt`' };
const MAIN_MESSAGES: ErrorInfo[] = [
  unreachable,
  modelMissing,
  timeout,
  voiceFileMissing,
  { code: 'llm_model_missing', message: `Ollama's library has no model "lama9" — check the name (for example llama3.2:3b) and try again` },
  { code: 'audio_empty', message: 'I did not hear anything — hold the key (or the Talk button) while you speak.' },
  { code: 'audio_empty', message: 'I could not make out any words — check the microphone and try again.' },
  { code: 'stt_model_missing', message: 'Whisper model "whisper-small" not found in /home/ana/models — run `npm run models -- fetch whisper-small`' },
  { code: 'tts_model_missing', message: 'Voice "piper-pt" not found in /home/ana/models — run `npm run models -- fetch piper-pt`' },
  { code: 'disk_full', message: 'The disk is full, so your settings were not saved — free some space and try again.' },
  { code: 'disk_full', message: 'The disk is full while writing /tmp/x.part. Free some space (or choose another --models-dir) and run the fetch again.' },
  { code: 'cancelled', message: 'The turn was cancelled.' },
  { code: 'cancelled', message: 'Fetching piper-pt was cancelled; nothing was installed and the installed version is unchanged.' },
];

describe('errors from main in the interface language', () => {
  it('says an unreachable Ollama in Brazilian Portuguese, with its host', () => {
    expect(localizedError(unreachable, {}, tPt)).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\``);
    expect(localizedError(unreachable, { ollamaHost: HOST }, tPt)).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\``);
  });

  it('says a missing model in Brazilian Portuguese, with the model in both places', () => {
    expect(localizedError(modelMissing, { chatModel: 'llama3.2:3b' }, tPt)).toBe(
      'O modelo "llama3.2:3b" não está instalado no Ollama — rode `ollama pull llama3.2:3b`',
    );
  });

  it('keeps commands as code in Portuguese', () => {
    expect(messageParts(localizedError(modelMissing, {}, tPt)).filter((p) => p.code)).toEqual([{ text: 'ollama pull llama3.2:3b', code: true }]);
  });

  it('reads the values out of the other known shapes', () => {
    expect(localizedError(timeout, {}, tPt)).toBe(
      `O Ollama em ${HOST} não começou a responder em 30 s — talvez ainda esteja carregando "qwen2.5:7b"; tente de novo ou aumente o tempo limite nas configurações`,
    );
    expect(localizedError(voiceFileMissing, {}, tPt)).toBe(
      'A voz "piper-pt" não foi encontrada em /home/ana/models (falta o arquivo model.onnx) — rode `npm run models -- fetch piper-pt`',
    );
  });

  it('translates every known shape, and leaves English exactly as main wrote it', () => {
    for (const error of MAIN_MESSAGES) {
      expect(localizedError(error, {}, tEn)).toBe(error.message);
      expect(localizedError(error, { ollamaHost: 'http://other:1', chatModel: 'other' }, tEn)).toBe(error.message);
      expect([error.message, localizedError(error, {}, tPt)]).not.toEqual([error.message, error.message]);
    }
  });

  it('falls back to main’s text for a message of unknown shape', () => {
    const unknown: ErrorInfo = { code: 'llm_unreachable', message: 'Ollama went away for a reason nobody has written a sentence for.' };
    expect(localizedError(unknown, { ollamaHost: HOST }, tPt)).toBe(unknown.message);
    // A known sentence quoting an unknown one: the quote stays as written.
    const guarded: ErrorInfo = { code: 'llm_unreachable', message: 'Ollama failed several times just now, so Earshot waits 20 s before asking again. Last error: boom' };
    expect(localizedError(guarded, { ollamaHost: HOST }, tPt)).toBe('O Ollama falhou várias vezes agora há pouco, então o Earshot espera 20 s antes de perguntar de novo. Último erro: boom');
    const almost: ErrorInfo = { code: 'llm_model_missing', message: 'The model "a" is not installed in Ollama — run `ollama pull b`' };
    expect(localizedError(almost, {}, tPt)).toBe(almost.message);
  });

  it('does not translate invalid_input or codes without a catalog shape', () => {
    const invalid: ErrorInfo = { code: 'invalid_input', message: 'The turn was cancelled.' };
    expect(localizedError(invalid, {}, tPt)).toBe(invalid.message);
    const internal: ErrorInfo = { code: 'internal', message: 'Something went wrong inside Earshot: x' };
    expect(localizedError(internal, {}, tPt)).toBe(internal.message);
  });

  it('uses the context when main sent no message', () => {
    expect(localizedError({ code: 'llm_unreachable', message: '' }, { ollamaHost: HOST }, tPt)).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\``);
    expect(localizedError({ code: 'llm_unreachable', message: '' }, {}, tPt)).toBe('');
  });
});

describe('banners and the first-run check', () => {
  it('banners show the localized text and keep one banner per code', () => {
    const banner = bannerForError(unreachable, { ollamaHost: HOST });
    expect(banner).toMatchObject({ id: 'llm_unreachable', level: 'error' });
    expect(bannerMessage(banner.text, CATALOGS.pt)).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\``);
    expect(bannerMessage(banner.text, CATALOGS.en)).toBe(unreachable.message);
    expect(bannerForError({ code: 'audio_empty', message: 'x' })).toMatchObject({ id: 'audio_empty', level: 'warning' });
  });

  it('a banner already on screen follows a change of language', () => {
    const store = createAppStore(['en-US']);
    store.getState().showBanner(bannerForError(modelMissing));
    store.getState().showBanner({ id: 'connection', level: 'error', text: { kind: 'catalog', key: 'connection.lost' } });
    store.getState().showBanner({ id: 'notice', level: 'info', text: { kind: 'plain', message: 'Cache warm-up failed.' } });
    const shown = (language: 'en' | 'pt') => store.getState().banners.map((b) => bannerMessage(b.text, CATALOGS[language]));
    expect(shown('en')).toEqual([modelMissing.message, translate(CATALOGS.en, 'connection.lost'), 'Cache warm-up failed.']);
    expect(shown('pt')).toEqual([
      'O modelo "llama3.2:3b" não está instalado no Ollama — rode `ollama pull llama3.2:3b`',
      translate(CATALOGS.pt, 'connection.lost'),
      'Cache warm-up failed.',
    ]);
    expect(shown('pt')[1]).not.toBe(shown('en')[1]);
  });

  it("the page's microphone errors are written in English and shown in the interface language", () => {
    const denied: ErrorInfo = { code: 'permission_denied', message: translate(CATALOGS.en, 'mic.denied') };
    const failed: ErrorInfo = { code: 'internal', message: translate(CATALOGS.en, 'mic.failed', { detail: 'NotReadableError' }) };
    expect(localizedError(denied, {}, tPt)).toBe(translate(CATALOGS.pt, 'mic.denied'));
    expect(localizedError(failed, {}, tPt)).toBe(translate(CATALOGS.pt, 'mic.failed', { detail: 'NotReadableError' }));
    expect(localizedError(failed, {}, tPt)).toContain('NotReadableError');
    const offline: ErrorInfo = { code: 'internal', message: translate(CATALOGS.en, 'connection.notConnected') };
    expect(localizedError(offline, {}, tPt)).toBe(translate(CATALOGS.pt, 'connection.notConnected'));
    const tooLong: ErrorInfo = { code: 'audio_too_long', message: 'Only the first 30 s of speech were used — keep each question shorter than that.' };
    expect(localizedError(tooLong, {}, tPt)).toBe('Só os primeiros 30 s de fala foram usados — faça cada pergunta mais curta que isso.');
    // Any other internal error is shown as written.
    expect(localizedError({ code: 'internal', message: 'Something broke.' }, {}, tPt)).toBe('Something broke.');
  });

  it('the Ollama line prefers the catalog sentence with the setup host', () => {
    expect(ollamaDownText(null, HOST, tPt, 'pt')).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\`.`);
    expect(ollamaDownText(unreachable, HOST, tPt, 'pt')).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\``);
    expect(ollamaDownText(unreachable, HOST, tEn, 'en')).toBe(unreachable.message);
    const guarded: ErrorInfo = { code: 'llm_unreachable', message: 'Ollama failed several times just now. Last error: boom' };
    expect(ollamaDownText(guarded, HOST, tEn, 'en')).toBe(guarded.message);
    expect(ollamaDownText(guarded, HOST, tPt, 'pt')).toBe(`O Ollama não está rodando em ${HOST} — inicie com \`ollama serve\``);
  });
});
