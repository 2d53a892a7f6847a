import { describe, expect, it } from 'vitest';
import { GuardedLanguageModel } from '../../src/main/core/engines/llm/guarded-language-model';
import { ollamaError } from '../../src/main/core/engines/llm/ollama-errors';
import { ERROR_WORDING, errorText, errorWording, placeholdersOf } from '../../src/renderer/src/banners/error-wording';
import type { MessageKey } from '../../src/renderer/src/i18n/messages-en';
import { CATALOGS, translate, type MessageParams } from '../../src/renderer/src/i18n/translate';
import { ERROR_CODES, EarshotError, type ErrorInfo, toErrorInfo } from '../../src/shared/errors';

const tEn = (key: MessageKey, params?: MessageParams) => translate(CATALOGS.en, key, params);
const tPt = (key: MessageKey, params?: MessageParams) => translate(CATALOGS.pt, key, params);
const HOST = 'http://127.0.0.1:11434';

describe('every error code is worded in both languages', () => {
  const keysOf = (code: (typeof ERROR_CODES)[number]) => {
    const w = ERROR_WORDING[code];
    return [w.plain, ...(w.precise ? [w.precise] : []), ...Object.values(w.variants ?? {})];
  };

  it('each code has a plain sentence that needs no values, in English and Portuguese', () => {
    for (const code of ERROR_CODES) {
      const { plain } = ERROR_WORDING[code];
      for (const language of ['en', 'pt'] as const) {
        const sentence = CATALOGS[language][plain];
        expect(sentence, `${code} in ${language}`).toMatch(/\S/);
        expect(placeholdersOf(sentence), `${code} in ${language}`).toEqual([]);
      }
    }
  });

  it('each precise sentence names the same values in both languages, so no param is dropped or invented', () => {
    for (const code of ERROR_CODES) {
      for (const key of keysOf(code)) {
        expect(CATALOGS.pt[key], key).toBeTruthy();
        expect(new Set(placeholdersOf(CATALOGS.pt[key])), key).toEqual(new Set(placeholdersOf(CATALOGS.en[key])));
      }
    }
  });

  it('an error without the values its precise sentence needs gets the plain one, never a raw {placeholder}', () => {
    for (const code of ERROR_CODES) {
      for (const variant of [undefined, ...Object.keys(ERROR_WORDING[code].variants ?? {})]) {
        const error: ErrorInfo = { code, params: variant ? { variant } : undefined, message: 'English' };
        expect(errorText(error, {}, tPt), `${code}/${variant}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('never shows the English message in Portuguese', () => {
    const error: ErrorInfo = { code: 'stt_failed', message: 'Speech-to-text failed with model "x": boom' };
    expect(errorText(error, {}, tPt)).toBe(CATALOGS.pt['error.code.stt_failed']);
  });
});

describe("main's errors carry the params their wording uses", () => {
  const context = { host: HOST, model: 'llama3.2:3b', timeoutMs: 30_000 };
  const cases = [
    { failure: { kind: 'timeout' }, key: 'error.llm.timeout', keeps: '30 s' },
    { failure: { kind: 'busy', text: 'server busy' }, key: 'error.llm.busy', keeps: 'HTTP 503' },
    { failure: { kind: 'http', status: 502, text: 'bad gateway' }, key: 'error.llm.http', keeps: 'HTTP 502: bad gateway' },
    { failure: { kind: 'server-error', text: 'llama runner process has terminated' }, key: 'error.llm.serverError', keeps: 'llama runner process has terminated' },
    { failure: { kind: 'stream-broken', detail: 'connection reset' }, key: 'error.llm.streamBroken', keeps: 'connection reset' },
  ] as const;
  for (const { failure, key, keeps } of cases) {
    it(`${failure.kind}: the precise sentence, with its values, in Portuguese; English says what main says`, () => {
      const info = toErrorInfo(ollamaError(failure, context));
      expect(errorWording(info).key).toBe(key);
      expect(errorText(info, {}, tPt)).toContain(keeps);
      expect(errorText(info, {}, tEn)).toBe(info.message);
    });
  }

  // Main's message tells a terminal user the command to type; the window offers a button instead.
  const inApp = [
    { failure: { kind: 'unreachable', detail: 'ECONNREFUSED' }, key: 'error.llm.unreachable', keeps: HOST, en: 'press Retry', pt: 'Tentar de novo' },
    { failure: { kind: 'model-missing', text: 'model not found' }, key: 'error.llm.modelMissing', keeps: 'llama3.2:3b', en: 'Download model', pt: 'Baixar modelo' },
  ] as const;
  for (const { failure, key, keeps, en, pt } of inApp) {
    it(`${failure.kind}: names the button that fixes it in both languages, never a command to type`, () => {
      const info = toErrorInfo(ollamaError(failure, context));
      expect(info.message).toContain('`');
      expect(errorWording(info).key).toBe(key);
      for (const [text, button] of [
        [errorText(info, {}, tEn), en],
        [errorText(info, {}, tPt), pt],
      ] as const) {
        expect(text).toContain(keeps);
        expect(text).toContain(button);
        expect(text).not.toMatch(/`|ollama (serve|pull)/);
      }
    });
  }

  it("the circuit breaker's refusal says how long it waits", async () => {
    const down = ollamaError({ kind: 'unreachable', detail: 'ECONNREFUSED' }, context);
    const guarded = new GuardedLanguageModel({
      async *chat() {
        yield* [];
        throw down;
      },
      async warm() {},
    });
    const request = { model: 'm', messages: [], contextTokens: 2048, maxTokens: 10, temperature: 0, keepAlive: '5m', firstTokenTimeoutMs: 1000 };
    let refused: unknown = null;
    for (let i = 0; i < 10 && refused === null; i++) {
      await (async () => {
        for await (const _ of guarded.chat(request)) void _;
      })().catch((error: unknown) => {
        if (error !== down) refused = error;
      });
    }
    expect(errorText(toErrorInfo(refused), {}, tPt)).toMatch(/^O Ollama falhou várias vezes agora há pouco, então o Earshot espera \d+ s antes de perguntar de novo\.$/);
  });

  it('params cross the contract with the code (toErrorInfo keeps them)', () => {
    const info = toErrorInfo(new EarshotError('audio_too_long', 'Only the first 30 s…', { params: { seconds: 30 } }));
    expect(info).toEqual({ code: 'audio_too_long', params: { seconds: 30 }, message: 'Only the first 30 s…' });
    expect(errorText(info, {}, tPt)).toBe('Só os primeiros 30 s de fala foram usados — faça cada pergunta mais curta que isso.');
  });

  it('an error that names no host uses the one the page knows', () => {
    const bare: ErrorInfo = { code: 'llm_unreachable', message: '' };
    expect(errorText(bare, { ollamaHost: HOST }, tPt)).toBe(`O Ollama não está rodando em ${HOST}. Abra o aplicativo Ollama e toque em Tentar de novo.`);
    expect(errorText(bare, {}, tPt)).toBe(CATALOGS.pt['error.code.llm_unreachable']);
  });
});
