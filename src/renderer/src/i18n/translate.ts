// Looking up interface text: the language the interface uses (settings.language, or the system's
// when "auto"), and a message with its {placeholders} filled. Pure.
import type { LanguageSetting } from '../../../shared/turn';
import { en, type MessageKey, type Messages } from './messages-en';
import { ptBR } from './messages-pt-BR';

export type UiLanguage = 'en' | 'pt';

export const CATALOGS: Record<UiLanguage, Messages> = { en, pt: ptBR };
/** BCP 47 tags for <html lang> and number/date formatting. */
export const LOCALES: Record<UiLanguage, string> = { en: 'en', pt: 'pt-BR' };

export function uiLanguageOf(setting: LanguageSetting | undefined, systemLanguages: readonly string[]): UiLanguage {
  if (setting === 'en' || setting === 'pt') return setting;
  for (const tag of systemLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'pt') return 'pt';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export type MessageParams = Record<string, string | number>;

export function translate(messages: Messages, key: MessageKey, params?: MessageParams): string {
  const text = messages[key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
