// The renderer translates main's English errors by their shape (src/renderer/src/banners/
// localized-error.ts). These are the messages main really builds: if one is reworded in main and
// not in the catalog, Portuguese users would get English again, and this fails.
import { describe, expect, it } from 'vitest';
import { ollamaError } from '../../src/main/core/engines/ollama-errors';
import { toErrorInfo } from '../../src/shared/errors';
import { localizedError } from '../../src/renderer/src/banners/localized-error';
import type { MessageKey } from '../../src/renderer/src/i18n/messages-en';
import { CATALOGS, translate, type MessageParams } from '../../src/renderer/src/i18n/translate';

const tPt = (key: MessageKey, params?: MessageParams) => translate(CATALOGS.pt, key, params);
const HOST = 'http://127.0.0.1:11434';

describe('main’s Ollama errors in Portuguese', () => {
  const context = { host: HOST, model: 'llama3.2:3b', timeoutMs: 30_000 };
  const cases = [
    { failure: { kind: 'unreachable', detail: 'ECONNREFUSED' }, keeps: HOST },
    { failure: { kind: 'model-missing', text: 'model not found' }, keeps: 'ollama pull llama3.2:3b' },
    { failure: { kind: 'timeout' }, keeps: '30 s' },
  ] as const;
  for (const { failure, keeps } of cases) {
    it(`translates ${failure.kind} and keeps its values`, () => {
      const info = toErrorInfo(ollamaError(failure, context));
      const pt = localizedError(info, {}, tPt);
      expect(pt, info.message).not.toBe(info.message);
      expect(pt).toContain(keeps);
    });
  }
});
