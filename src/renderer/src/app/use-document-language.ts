// Keeps <html lang> and the window title in the interface language.
import { useEffect } from 'react';

export function useDocumentLanguage(locale: string, title: string): void {
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = title;
  }, [locale, title]);
}
