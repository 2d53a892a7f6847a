// React access to the store and the actions: one provider at the root, hooks below it.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../i18n/messages-en';
import { CATALOGS, LOCALES, translate, uiLanguageOf, type MessageParams, type UiLanguage } from '../i18n/translate';
import type { AppState, AppStore } from '../store/app-store';
import type { AppActions } from './app-actions-type';

interface AppContextValue {
  store: AppStore;
  actions: AppActions;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ store, actions, children }: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ store, actions }}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppProvider is missing');
  return value;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

export function useActions(): AppActions {
  return useAppContext().actions;
}

export function useUiLanguage(): UiLanguage {
  const setting = useApp((s) => s.settings?.language);
  const system = useApp((s) => s.systemLanguages);
  return uiLanguageOf(setting, system);
}

export interface Translator {
  (key: MessageKey, params?: MessageParams): string;
  language: UiLanguage;
  locale: string;
}

export function useT(): Translator {
  const language = useUiLanguage();
  const t = ((key: MessageKey, params?: MessageParams) => translate(CATALOGS[language], key, params)) as Translator;
  t.language = language;
  t.locale = LOCALES[language];
  return t;
}
