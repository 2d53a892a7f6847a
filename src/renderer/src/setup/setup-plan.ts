// What the first-run check offers, decided from the checklist: which voices this person needs (their
// language only), which catalog downloads are missing and how big they are together. Pure.
import type { ModelState } from '../../../shared/records';
import type { LanguageSetting } from '../../../shared/turn';
import type { SetupItem } from './setup-checks';

/** The reply languages to set up: the one chosen, or the interface's when the setting is "auto". */
export function neededLanguages(setting: LanguageSetting | undefined, uiLanguage: 'en' | 'pt'): ('en' | 'pt')[] {
  return setting === 'en' || setting === 'pt' ? [setting] : [uiLanguage];
}

/** The checklist without voices for languages this person does not speak. */
export function itemsForLanguages(items: readonly SetupItem[], languages: readonly ('en' | 'pt')[]): SetupItem[] {
  return items.filter((item) => item.id !== 'voice' || languages.includes(item.language));
}

/** Catalog models (speech recognition, voices) still to download, in checklist order. */
export function missingDownloads(items: readonly SetupItem[]): string[] {
  return items.flatMap((item) => ((item.id === 'stt' || item.id === 'voice') && !item.ok ? [item.model] : []));
}

/** Their total size in bytes, or null when the catalog does not know one of them. */
export function totalSize(ids: readonly string[], catalog: readonly ModelState[]): number | null {
  let total = 0;
  for (const id of ids) {
    const size = catalog.find((m) => m.id === id)?.sizeBytes;
    if (!size) return null;
    total += size;
  }
  return total;
}
