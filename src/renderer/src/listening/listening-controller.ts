// Keeps the window's hands-free microphone in step with the settings, the pause control and the
// connection: opens it, sends each device frame (64 ms) to main as it arrives, closes it, and follows main's
// listening state (a new turn on screen when main begins one, the reply cut off on a barge-in).
import type { EarshotBridge } from '../../../shared/bridge';
import type { ErrorInfo } from '../../../shared/errors';
import type { AppStore } from '../store/app-store';
import type { MicrophoneStream } from './microphone-stream';
import { shouldStream, turnStarts, wakeChime } from './listening-plan';

export interface ListeningDeps {
  bridge: EarshotBridge;
  store: AppStore;
  openStream(onFrame: (frame: Float32Array) => void): Promise<MicrophoneStream>;
  /** Silences Earshot's reply (a barge-in). */
  stopPlayback(): void;
  /** The wake word was heard: the short "I'm listening" chime. */
  playChime(): void;
  report(error: ErrorInfo): void;
  /** The microphone could not open: an error the banner can explain. */
  microphoneError(error: unknown): ErrorInfo;
}

export interface ListeningController {
  /** Opens or closes the microphone to match the current settings, pause and connection. */
  sync(): void;
  pause(): void;
  resume(): void;
  dispose(): void;
}

export function createListeningController(deps: ListeningDeps): ListeningController {
  const { bridge, store } = deps;
  let stream: Promise<MicrophoneStream | null> | null = null;
  /** One failure report per opening: a broken connection must not flood the banners. */
  let failed = false;

  const send = (chunk: Float32Array<ArrayBuffer>) => {
    void bridge.request('listening.audio', { samples: chunk }).then((reply) => {
      if (reply.ok || failed || !stream) return;
      failed = true;
      deps.report(reply.error);
      store.getState().setListeningPaused(true);
      sync();
    });
  };

  // Sent as it comes: regrouping frames into larger chunks would hold back the first word of a
  // barge-in by up to a chunk.
  const onFrame = (frame: Float32Array) => send(Float32Array.from(frame));

  function open(): void {
    failed = false;
    stream = deps.openStream(onFrame).then(
      (opened) => {
        store.getState().setMicLive(true);
        return opened;
      },
      (error: unknown) => {
        deps.report(deps.microphoneError(error));
        stream = null;
        store.getState().setListeningPaused(true);
        return null;
      },
    );
  }

  function close(): void {
    const closing = stream;
    stream = null;
    store.getState().setMicLive(false);
    void closing?.then((opened) => opened?.close());
    if (store.getState().connection === 'open') void bridge.request('listening.pause', {});
  }

  function sync(): void {
    const s = store.getState();
    const wanted = shouldStream({ handsFree: s.settings?.listening.handsFree ?? false, paused: s.listeningPaused, connection: s.connection });
    if (wanted && !stream) open();
    else if (!wanted && stream) close();
  }

  const offState = bridge.on('listening.state', ({ state, turnId }) => {
    const s = store.getState();
    const { show, stopPlayback } = turnStarts(s.listening, state);
    if (wakeChime(s.listening, state, s.settings?.listening.wakeChime ?? true)) deps.playChime();
    s.setListening(state);
    if (stopPlayback) {
      deps.stopPlayback();
      // The interrupted reply's last events must not land on the new turn.
      if (s.turn && !s.turn.ended && s.turn.turnId) s.ignoreTurn(s.turn.turnId);
    }
    // Main named the turn it began: the window follows that one (it never adopts ids from other events).
    if (show && turnId && (s.turn === null || s.turn.ended || stopPlayback)) s.startTurn('voice', turnId);
  });
  const offStore = store.subscribe((next, before) => {
    if (
      next.settings?.listening.handsFree !== before.settings?.listening.handsFree ||
      next.listeningPaused !== before.listeningPaused ||
      next.connection !== before.connection
    ) {
      sync();
    }
  });

  return {
    sync,
    pause: () => store.getState().setListeningPaused(true),
    resume: () => store.getState().setListeningPaused(false),
    dispose: () => {
      offState();
      offStore();
      if (stream) close();
    },
  };
}
