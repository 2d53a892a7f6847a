// Settings as main holds them, and what the settings panel shows beside them: cache statistics,
// the memory list, the global hotkey's status.
import type { StateCreator } from 'zustand/vanilla';
import type { HotkeyStatus } from '../../../shared/contract';
import type { CacheStats, MemoryItem } from '../../../shared/records';
import type { Settings } from '../../../shared/settings';

export interface SettingsSlice {
  settings: Settings | null;
  cacheStats: CacheStats[];
  memories: MemoryItem[];
  hotkeyStatus: HotkeyStatus | null;
  setSettings(settings: Settings): void;
  setCacheStats(stats: CacheStats[]): void;
  setMemories(items: MemoryItem[]): void;
  setHotkeyStatus(status: HotkeyStatus): void;
}

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: null,
  cacheStats: [],
  memories: [],
  hotkeyStatus: null,
  setSettings: (settings) => set({ settings }),
  setCacheStats: (cacheStats) => set({ cacheStats }),
  setMemories: (memories) => set({ memories }),
  setHotkeyStatus: (hotkeyStatus) => set({ hotkeyStatus }),
});
