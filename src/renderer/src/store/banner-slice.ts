// Banners: problems a person can act on, one per cause (a repeated failure replaces its banner).
// A banner keeps what its words were made from, not the words, so it follows a change of the
// interface language while it is on screen (banners/banner-for-error.ts turns it into text).
import type { StateCreator } from 'zustand/vanilla';
import type { ErrorInfo } from '../../../shared/errors';
import type { MessageKey } from '../i18n/messages-en';
import type { MessageParams } from '../i18n/translate';

/** What an error's wording may name besides the error itself. */
export interface ErrorContext {
  /** The Ollama host in use, when known (SetupStatus.ollama.host). */
  ollamaHost?: string;
  /** The chat model in use, when known (SetupStatus.chatModel.name). */
  chatModel?: string;
}

export type BannerText =
  /** Shown as written. */
  | { kind: 'plain'; message: string }
  /** A sentence of the interface's own catalog. */
  | { kind: 'catalog'; key: MessageKey; params?: MessageParams }
  /** An error or start-up notice (from main or the page), worded from its code and params. */
  | { kind: 'error'; error: ErrorInfo; context: ErrorContext };

export interface Banner {
  /** One banner per id: an error code, "connection", "microphone", … */
  id: string;
  level: 'info' | 'warning' | 'error';
  /** Plain text once rendered; `backticks` mark a command to type. */
  text: BannerText;
}

export interface BannerSlice {
  banners: Banner[];
  showBanner(banner: Banner): void;
  dismissBanner(id: string): void;
}

export const createBannerSlice: StateCreator<BannerSlice, [], [], BannerSlice> = (set) => ({
  banners: [],
  showBanner: (banner) => set((s) => ({ banners: [...s.banners.filter((b) => b.id !== banner.id), banner] })),
  dismissBanner: (id) => set((s) => ({ banners: s.banners.filter((b) => b.id !== id) })),
});
