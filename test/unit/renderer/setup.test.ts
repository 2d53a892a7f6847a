import { describe, expect, it } from 'vitest';
import type { ModelProgress, SetupStatus } from '../../../src/shared/records';
import { microphoneProblem } from '../../../src/renderer/src/audio/microphone-problem';
import { isLoopbackHost } from '../../../src/renderer/src/settings/loopback-host';
import { needsSetup, setupItems } from '../../../src/renderer/src/setup/setup-checks';
import { etaSeconds, formatBytes, progressPercent } from '../../../src/renderer/src/setup/progress-text';

const ready: SetupStatus = {
  ollama: { host: 'http://127.0.0.1:11434', reachable: true, version: '0.12.3', error: null, loopback: true },
  chatModel: { name: 'llama3.2:3b', installed: true },
  stt: { id: 'whisper-base', installed: true },
  voices: { en: { id: 'piper-en_US-amy-low', installed: true }, pt: { id: 'piper-pt_BR-faber-medium', installed: true } },
};

describe('first-run check', () => {
  it('has nothing to show once everything is there (the microphone is asked for on first use)', () => {
    expect(needsSetup(setupItems(ready, 'prompt'))).toBe(false);
    expect(needsSetup(setupItems(ready, 'denied'))).toBe(true);
  });

  it('offers to pull the chat model only from an Ollama that answers', () => {
    const down: SetupStatus = {
      ...ready,
      ollama: { ...ready.ollama, reachable: false, version: null, error: { code: 'llm_unreachable', message: 'Ollama is not running at http://127.0.0.1:11434 — start it with `ollama serve`' } },
      chatModel: { name: 'llama3.2:3b', installed: false },
    };
    const items = setupItems(down, 'granted');
    expect(items.find((i) => i.id === 'ollama')).toMatchObject({ ok: false, message: expect.stringContaining('ollama serve') });
    expect(items.find((i) => i.id === 'chat')).toMatchObject({ ok: false, canPull: false });
    expect(needsSetup(items)).toBe(true);
  });

  it('lists a missing speech model and each voice to download', () => {
    const items = setupItems({ ...ready, stt: { id: 'whisper-base', installed: false }, voices: { ...ready.voices, pt: { id: 'piper-pt_BR-faber-medium', installed: false } } }, 'granted');
    expect(items.filter((i) => !i.ok).map((i) => (i.id === 'stt' || i.id === 'voice' ? i.model : i.id))).toEqual(['whisper-base', 'piper-pt_BR-faber-medium']);
  });
});

describe('download progress', () => {
  const p = (over: Partial<ModelProgress>): ModelProgress => ({
    source: 'catalog', model: 'whisper-base', phase: 'downloading', detail: '', receivedBytes: 0, totalBytes: null, fraction: null, bytesPerSecond: null, etaSeconds: null, ...over,
  });

  it('fills the bar from the fraction or the byte counts, and knows when the length is unknown', () => {
    expect(progressPercent(p({ fraction: 0.426 }))).toBe(43);
    expect(progressPercent(p({ receivedBytes: 50, totalBytes: 200 }))).toBe(25);
    expect(progressPercent(p({}))).toBeNull();
    expect(progressPercent(p({ phase: 'done' }))).toBe(100);
  });

  it('writes sizes and time left for people', () => {
    expect(formatBytes(145_300_000, 'en')).toBe('145 MB');
    expect(formatBytes(1_500_000, 'pt-BR')).toBe('1,5 MB');
    expect(formatBytes(900, 'en')).toBe('900 B');
    expect(etaSeconds(p({ etaSeconds: 0.2 }))).toBe(1);
    expect(etaSeconds(p({ etaSeconds: null }))).toBeNull();
  });
});

describe('Ollama host', () => {
  it('knows which hosts are this computer', () => {
    for (const host of ['', 'http://127.0.0.1:11434', 'localhost:11434', 'http://[::1]:11434', 'http://127.0.0.2']) expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    for (const host of ['http://192.168.1.20:11434', 'ollama.example.com', 'http://10.0.0.5']) expect([host, isLoopbackHost(host)]).toEqual([host, false]);
  });
});

describe('microphone problems', () => {
  it('tells a refusal from a missing device from anything else', () => {
    expect(microphoneProblem(Object.assign(new Error('denied'), { name: 'NotAllowedError' }))).toEqual({ kind: 'denied' });
    expect(microphoneProblem(Object.assign(new Error('none'), { name: 'NotFoundError' }))).toEqual({ kind: 'missing' });
    expect(microphoneProblem(new Error('Could not start audio source'))).toEqual({ kind: 'failed', detail: 'Could not start audio source' });
  });
});
