// Banners: problems a person can act on, one per cause (a repeated failure replaces its banner).
import type { StateCreator } from 'zustand/vanilla';

export interface Banner {
  /** One banner per id: an error code, "connection", "microphone", … */
  id: string;
  level: 'info' | 'warning' | 'error';
  /** Plain text; `backticks` mark a command to type. */
  message: string;
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
