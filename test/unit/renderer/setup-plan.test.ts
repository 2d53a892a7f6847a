import { describe, expect, it } from 'vitest';
import type { ModelState } from '../../../src/shared/records';
import { itemsForLanguages, missingDownloads, neededLanguages, totalSize } from '../../../src/renderer/src/setup/setup-plan';
import type { SetupItem } from '../../../src/renderer/src/setup/setup-checks';

const items: SetupItem[] = [
  { id: 'chat', ok: true, name: 'llama3.2:3b', canPull: true },
  { id: 'stt', ok: false, model: 'whisper-base' },
  { id: 'voice', ok: false, model: 'piper-en_US-amy-low', language: 'en' },
  { id: 'voice', ok: false, model: 'piper-pt_BR-faber-medium', language: 'pt' },
];
const model = (id: string, sizeBytes: number): ModelState => ({ id, kind: 'tts', languages: [], sizeBytes, installed: false, description: '' });

describe('the first-run plan', () => {
  it('asks an English speaker for the English voice only, and follows the interface language on "auto"', () => {
    expect(itemsForLanguages(items, neededLanguages('en', 'pt')).map((i) => (i.id === 'voice' ? i.language : i.id))).toEqual(['chat', 'stt', 'en']);
    expect(neededLanguages('auto', 'pt')).toEqual(['pt']);
  });

  it('lists the missing downloads and their total size, or no total when a size is unknown', () => {
    const needed = missingDownloads(itemsForLanguages(items, ['en']));
    expect(needed).toEqual(['whisper-base', 'piper-en_US-amy-low']);
    expect(totalSize(needed, [model('whisper-base', 145e6), model('piper-en_US-amy-low', 64e6)])).toBe(209e6);
    expect(totalSize(needed, [model('whisper-base', 145e6)])).toBeNull();
  });
});
