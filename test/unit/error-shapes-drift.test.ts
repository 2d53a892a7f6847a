// The renderer translates main's English errors by their shape (src/renderer/src/banners/
// localized-error.ts). These are the messages main really builds: if one is reworded in main and
// not in the catalog, Portuguese users would get English again, and this fails.
import { describe, expect, it } from 'vitest';
import { GuardedLanguageModel } from '../../src/main/core/engines/llm/guarded-language-model';
import { ollamaError } from '../../src/main/core/engines/llm/ollama-errors';
import { toErrorInfo } from '../../src/shared/errors';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localizedError, localizedHotkeyNote, localizedNotice } from '../../src/renderer/src/banners/localized-error';
import { systemClock } from '../../src/main/core/platform/clock';
import { SettingsStore } from '../../src/main/core/settings/settings-store';
import { openEarshotDatabase } from '../../src/main/core/store/databases';
import { silentLogger } from '../../src/main/core/platform/logger';
import { GlobalHotkey } from '../../src/main/electron/global-hotkey';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
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
    { failure: { kind: 'busy', text: 'server busy' }, keeps: 'HTTP 503' },
    { failure: { kind: 'http', status: 502, text: 'bad gateway' }, keeps: 'HTTP 502: bad gateway' },
    { failure: { kind: 'server-error', text: 'llama runner process has terminated' }, keeps: 'llama runner process has terminated' },
    { failure: { kind: 'stream-broken', detail: 'connection reset' }, keeps: 'connection reset' },
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

describe('main’s hotkey notes in Portuguese', () => {
  const hold: Settings['hotkey'] = { ...DEFAULT_SETTINGS.hotkey, binding: 'Ctrl+Shift+Space', mode: 'hold' };
  function noteFor(options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; loadFails?: boolean; startFails?: boolean; taken?: boolean }, config = hold): string {
    const hook = {
      start() {
        if (options.startFails) throw new Error('accessibility not granted');
      },
      stop() {},
      on() {},
      off() {},
    };
    const hotkey = new GlobalHotkey({
      shortcuts: { register: () => !options.taken, unregister() {} },
      loadHook: () => {
        if (options.loadFails) throw new Error('no prebuild for this platform');
        return { hook, keyCodes: { Space: 57, A: 30 } };
      },
      platform: options.platform ?? 'linux',
      env: options.env ?? { XDG_SESSION_TYPE: 'x11' },
      onEvent() {},
      logger: silentLogger,
    });
    const note = hotkey.apply(config).note;
    hotkey.dispose();
    if (note === null) throw new Error('expected a note');
    return note;
  }
  const cases: Array<[string, string, string?]> = [
    ['on Wayland', noteFor({ env: { XDG_SESSION_TYPE: 'wayland' } })],
    ['when the keyboard hook cannot load', noteFor({ loadFails: true }), 'no prebuild for this platform'],
    ['when the hook cannot watch the binding', noteFor({}, { ...hold, binding: 'Ctrl+Shift+Numpad7' }), 'Ctrl+Shift+Numpad7'],
    ['when the hook cannot start on macOS', noteFor({ platform: 'darwin', startFails: true })],
    ['when the hook cannot start', noteFor({ startFails: true })],
    ['when the shortcut is taken', noteFor({ taken: true }, { ...hold, mode: 'toggle' }), 'Ctrl+Shift+Space'],
    ['when paused', noteFor({}, { ...hold, paused: true })],
  ];
  for (const [when, note, keeps] of cases) {
    it(`translates the note ${when}`, () => {
      const pt = localizedHotkeyNote(note, tPt);
      expect(pt, note).not.toBe(note);
      if (keeps) expect(pt).toContain(keeps);
    });
  }
});

describe('the circuit breaker’s message in Portuguese', () => {
  const context = { host: HOST, model: 'llama3.2:3b', timeoutMs: 30_000 };

  it('translates the circuit breaker’s message and the last error it quotes', async () => {
    const down = ollamaError({ kind: 'unreachable', detail: 'ECONNREFUSED' }, context);
    const guarded = new GuardedLanguageModel({
      async *chat() {
        yield* [];
        throw down;
      },
      async warm() {},
    });
    const request = { model: 'm', messages: [], contextTokens: 2048, maxTokens: 10, temperature: 0, keepAlive: '5m', firstTokenTimeoutMs: 1000 };
    const drain = async () => {
      for await (const _ of guarded.chat(request)) void _;
    };
    let refused: unknown = null;
    for (let i = 0; i < 10 && refused === null; i++) {
      await drain().catch((error: unknown) => {
        if (error !== down) refused = error;
      });
    }
    const info = toErrorInfo(refused);
    expect(info.message).toMatch(/^Ollama failed several times just now/);
    const pt = localizedError(info, {}, tPt);
    expect(pt).toMatch(/^O Ollama falhou várias vezes agora há pouco, então o Earshot espera \d+ s antes de perguntar de novo\. Último erro: O Ollama não está rodando em /);
  });
});

describe('main’s start-up notices in Portuguese', () => {
  it('translates the notices main really writes for a broken settings file and a damaged database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-notices-'));
    try {
      const notices: string[] = [];
      writeFileSync(join(dir, 'settings.json'), '{ not json');
      notices.push(SettingsStore.inDataDir(dir).load().notice ?? '');
      writeFileSync(join(dir, 'settings.json'), '[]');
      notices.push(SettingsStore.inDataDir(dir).load().notice ?? '');
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ stt: { beamSize: 99 } }));
      notices.push(SettingsStore.inDataDir(dir).load().notice ?? '');
      writeFileSync(join(dir, 'earshot.db'), 'not a database '.repeat(500));
      const opened = openEarshotDatabase(dir, { clock: systemClock, logger: silentLogger });
      opened.db.close();
      notices.push(opened.notice?.message ?? '');
      for (const notice of notices) {
        expect(notice).not.toBe('');
        const pt = localizedNotice(notice, tPt);
        expect(pt, notice).not.toBe(notice);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
