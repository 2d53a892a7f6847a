// The page's session: the connection to main, what main says about itself, which panel is open.
import type { StateCreator } from 'zustand/vanilla';
import type { AppInfo } from '../../../shared/contract';

/** 'refused': the browser host turned this page's token away; no retry can fix that. */
export type Connection = 'connecting' | 'open' | 'lost' | 'refused';

export interface SessionSlice {
  connection: Connection;
  appInfo: AppInfo | null;
  settingsOpen: boolean;
  /** The OS/browser languages, for language "auto". */
  systemLanguages: readonly string[];
  setConnection(connection: Connection): void;
  setAppInfo(info: AppInfo): void;
  setSettingsOpen(open: boolean): void;
}

export const createSessionSlice =
  (systemLanguages: readonly string[]): StateCreator<SessionSlice, [], [], SessionSlice> =>
  (set) => ({
    connection: 'connecting',
    appInfo: null,
    settingsOpen: false,
    systemLanguages,
    setConnection: (connection) => set({ connection }),
    setAppInfo: (appInfo) => set({ appInfo }),
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  });
