import type * as NodeFs from 'node:fs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeSettings, peekSettings, SettingsStore } from '../../../src/main/core/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

/** The settings store's file-system calls that matter for a durable write, in order. */
const fsCalls = vi.hoisted(() => [] as string[]);
/** Paths that read as permission denied (the tests run as root, where chmod 000 does not stop a read). */
const unreadable = vi.hoisted(() => new Set<string>());
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeFs>();
  return {
    ...actual,
    readFileSync: ((path: string, ...rest: unknown[]) => {
      if (unreadable.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
      return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
    }) as typeof NodeFs.readFileSync,
    fsyncSync: (fd: number) => {
      fsCalls.push('fsync');
      actual.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      fsCalls.push(`rename ${from.endsWith('settings.json') ? 'settings.json' : 'temp'}`);
      actual.renameSync(from, to);
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-settings-'));
  fsCalls.length = 0;
  unreadable.clear();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('starts from defaults when there is no file', () => {
    const load = SettingsStore.inDataDir(dir).load();
    expect(load.settings).toEqual(DEFAULT_SETTINGS);
    expect(load.notice).toBeNull();
  });

  it('saves an update and reads it back in a new process', () => {
    SettingsStore.inDataDir(dir).update({ stt: { beamSize: 1 }, llm: { model: 'qwen2.5:3b' } });
    const again = SettingsStore.inDataDir(dir).load().settings;
    expect(again.stt.beamSize).toBe(1);
    expect(again.llm.model).toBe('qwen2.5:3b');
    expect(again.stt.model).toBe(DEFAULT_SETTINGS.stt.model);
  });

  it('rejects an invalid update whole, naming the field, and keeps the old values', () => {
    const store = SettingsStore.inDataDir(dir);
    store.update({ stt: { beamSize: 2 } });
    expect(() => store.update({ stt: { beamSize: 9 }, llm: { model: 'x' } })).toThrow(/stt\.beamSize/);
    expect(store.get().stt.beamSize).toBe(2);
    expect(store.get().llm.model).toBe(DEFAULT_SETTINGS.llm.model);
  });

  it('a corrupt file gives defaults, a notice, and is kept aside — not deleted', () => {
    writeFileSync(join(dir, 'settings.json'), '{"stt": {"beamSize": 2,,,');
    const load = new SettingsStore(join(dir, 'settings.json'), () => 1234).load();
    expect(load.settings).toEqual(DEFAULT_SETTINGS);
    expect(load.notice).toMatch(/could not be read.*settings\.json\.bad-1234/);
    expect(readFileSync(join(dir, 'settings.json.bad-1234'), 'utf8')).toContain('beamSize');
  });

  it('a settings path that is a directory gives defaults, a notice, and is moved aside instead of stopping the start', () => {
    mkdirSync(join(dir, 'settings.json', 'inside'), { recursive: true });
    const load = new SettingsStore(join(dir, 'settings.json'), () => 77).load();
    expect(load.settings).toEqual(DEFAULT_SETTINGS);
    expect(load.notice).toMatch(/could not be read.*settings\.json\.bad-77/);
    expect(existsSync(join(dir, 'settings.json.bad-77', 'inside'))).toBe(true);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('an unreadable settings file gives defaults, a notice, and is moved aside', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{"language":"pt"}');
    unreadable.add(file);
    const load = new SettingsStore(file, () => 78).load();
    expect(load.settings).toEqual(DEFAULT_SETTINGS);
    expect(load.notice).toMatch(/could not be read.*settings\.json\.bad-78/);
    expect(readFileSync(join(dir, 'settings.json.bad-78'), 'utf8')).toContain('pt');
  });

  it('a file that is valid JSON but not an object gives defaults, a notice, and is kept aside', () => {
    for (const [i, body] of ['[]', 'null', '42', '"hello"', '[{"language":"pt"}]'].entries()) {
      const file = join(dir, 'settings.json');
      writeFileSync(file, body);
      const load = new SettingsStore(file, () => i).load();
      expect(load.settings, body).toEqual(DEFAULT_SETTINGS);
      expect(load.notice, body).toMatch(new RegExp(`not hold settings.*settings\\.json\\.bad-${i}`));
      expect(readFileSync(join(dir, `settings.json.bad-${i}`), 'utf8')).toBe(body);
      expect(existsSync(file)).toBe(false);
    }
  });

  it('resets only the invalid fields of an otherwise good file', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ stt: { beamSize: 42, model: 'whisper-small' }, llm: { model: 'mistral' } }));
    const load = SettingsStore.inDataDir(dir).load();
    expect(load.settings.stt.beamSize).toBe(DEFAULT_SETTINGS.stt.beamSize);
    expect(load.settings.stt.model).toBe('whisper-small');
    expect(load.settings.llm.model).toBe('mistral');
    expect(load.notice).toMatch(/stt\.beamSize/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.bad-'))).toBe(true);
  });

  it('starts anyway, and keeps the file, when repaired settings cannot be written back', () => {
    const file = join(dir, 'settings.json');
    const original = JSON.stringify({ stt: { beamSize: 42, model: 'whisper-small' } });
    writeFileSync(file, original);
    mkdirSync(`${file}.tmp-${process.pid}`); // the atomic write's temp file cannot be created
    const load = new SettingsStore(file, () => 99).load();
    expect(load.settings.stt.model).toBe('whisper-small');
    expect(load.notice).toMatch(/stt\.beamSize.*could not be saved.*unchanged/);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('flushes the new file to disk before it replaces the old one', () => {
    SettingsStore.inDataDir(dir).update({ stt: { beamSize: 1 } });
    expect(fsCalls).toEqual(['fsync', 'rename temp']);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('leaves no temporary file behind when a save fails', () => {
    const file = join(dir, 'settings.json');
    mkdirSync(file); // the rename onto it fails
    writeFileSync(join(file, 'keep'), 'x');
    const store = new SettingsStore(file);
    expect(() => store.update({ stt: { beamSize: 1 } })).toThrow(/could not be saved/);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(store.get().stt.beamSize).toBe(DEFAULT_SETTINGS.stt.beamSize);
  });

  it('tells listeners about changes', () => {
    const store = SettingsStore.inDataDir(dir);
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.stt.beamSize));
    store.update({ stt: { beamSize: 4 } });
    expect(seen).toEqual([4]);
  });
});

describe('peekSettings', () => {
  it('gives defaults and a notice for a file that is valid JSON but not an object', () => {
    writeFileSync(join(dir, 'settings.json'), '[]');
    const peek = peekSettings(dir);
    expect(peek.settings).toEqual(DEFAULT_SETTINGS);
    expect(peek.notice).toMatch(/could not be read/);
  });
});

describe('mergeSettings', () => {
  it('ignores prototype-polluting keys', () => {
    const merged = mergeSettings({}, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(merged.a).toBe(1);
  });
});
