import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeSettings, SettingsStore } from '../../src/main/core/settings-store';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-settings-'));
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

  it('tells listeners about changes', () => {
    const store = SettingsStore.inDataDir(dir);
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.stt.beamSize));
    store.update({ stt: { beamSize: 4 } });
    expect(seen).toEqual([4]);
  });
});

describe('mergeSettings', () => {
  it('ignores prototype-polluting keys', () => {
    const merged = mergeSettings({}, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(merged.a).toBe(1);
  });
});
