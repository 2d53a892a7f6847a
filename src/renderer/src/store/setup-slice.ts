// First-run state: what main reports (Ollama, chat model, speech models), the microphone permission
// the page checks itself, the model catalog, and downloads in progress.
import type { StateCreator } from 'zustand/vanilla';
import type { ChatModelChoice, ModelProgress, ModelState, SetupStatus } from '../../../shared/records';

export type MicPermission = 'granted' | 'prompt' | 'denied' | 'unknown';

export interface SetupSlice {
  setup: SetupStatus | null;
  micPermission: MicPermission;
  models: ModelState[];
  /** Downloads in progress, by catalog id or Ollama model name. */
  downloads: Record<string, ModelProgress>;
  setupDismissed: boolean;
  /** Once the check has been on screen it stays (all green at the end) until the user hides it. */
  setupShown: boolean;
  setSetup(status: SetupStatus): void;
  setMicPermission(permission: MicPermission): void;
  setModels(models: ModelState[]): void;
  setDownload(progress: ModelProgress): void;
  clearDownload(model: string): void;
  dismissSetup(): void;
  markSetupShown(): void;
  /** Asked for by a "Download model" fix elsewhere: the check comes back, opened out. */
  setupRequested: number;
  requestSetup(): void;
  /** The chat models Ollama has installed (empty while it is unreachable). */
  chatModels: ChatModelChoice[];
  setChatModels(models: ChatModelChoice[]): void;
}

export const createSetupSlice: StateCreator<SetupSlice, [], [], SetupSlice> = (set) => ({
  setup: null,
  chatModels: [],
  setChatModels: (chatModels) => set({ chatModels }),
  micPermission: 'unknown',
  models: [],
  downloads: {},
  setupDismissed: false,
  setupShown: false,
  setSetup: (setup) => set({ setup }),
  setMicPermission: (micPermission) => set({ micPermission }),
  setModels: (models) => set({ models }),
  setDownload: (progress) => set((s) => ({ downloads: { ...s.downloads, [progress.model]: progress } })),
  clearDownload: (model) =>
    set((s) => {
      const { [model]: _gone, ...rest } = s.downloads;
      return { downloads: rest };
    }),
  dismissSetup: () => set({ setupDismissed: true }),
  markSetupShown: () => set({ setupShown: true }),
  setupRequested: 0,
  requestSetup: () => set((s) => ({ setupDismissed: false, setupRequested: s.setupRequested + 1 })),
});
