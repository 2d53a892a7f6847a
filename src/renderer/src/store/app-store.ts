// The one store: every slice combined. Created once per page (main.tsx) and handed down through
// React context, so tests can make their own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBannerSlice, type BannerSlice } from './banner-slice';
import { createConversationSlice, type ConversationSlice } from './conversation-slice';
import { createConversationsSlice, type ConversationsSlice } from './conversations-slice';
import { createLatencySlice, type LatencySlice } from './latency-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createSetupSlice, type SetupSlice } from './setup-slice';
import { createTurnSlice, type TurnSlice } from './turn-slice';
import { createListeningSlice, type ListeningSlice } from './listening-slice';

export type AppState = TurnSlice & ConversationSlice & LatencySlice & BannerSlice & SetupSlice & SettingsSlice & SessionSlice & ConversationsSlice & ListeningSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(systemLanguages: readonly string[] = []): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createTurnSlice(...a),
    ...createConversationSlice(...a),
    ...createLatencySlice(...a),
    ...createBannerSlice(...a),
    ...createSetupSlice(...a),
    ...createSettingsSlice(...a),
    ...createSessionSlice(systemLanguages)(...a),
    ...createConversationsSlice(...a),
    ...createListeningSlice(...a),
  }));
}
