// Hands-free listening as the window shows it: what main's listener is doing, whether the
// microphone is open, and whether the user paused it.
import type { StateCreator } from 'zustand/vanilla';
import type { ListeningState } from '../../../shared/contract';

export interface ListeningSlice {
  /** Main's hands-free state; 'paused' until the first chunk reaches it. */
  listening: ListeningState;
  /** The hands-free microphone stream is open (the mic-is-live indicator). */
  micLive: boolean;
  /** The user paused the microphone; hands-free stays on in settings. */
  listeningPaused: boolean;
  setListening(listening: ListeningState): void;
  setMicLive(micLive: boolean): void;
  setListeningPaused(paused: boolean): void;
}

export const createListeningSlice: StateCreator<ListeningSlice, [], [], ListeningSlice> = (set) => ({
  listening: 'paused',
  micLive: false,
  listeningPaused: false,
  setListening: (listening) => set({ listening }),
  setMicLive: (micLive) => set({ micLive }),
  setListeningPaused: (listeningPaused) => set({ listeningPaused }),
});
