// The page's entry: picks the bridge (Electron preload or the browser host's WebSocket), makes the
// store, speaker, microphone and talk controller, connects them to main and renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ErrorInfo } from '../../shared/errors';
import { App } from './app/App';
import { createAppActions } from './app/app-actions';
import { AppProvider } from './state/app-context';
import { listen, loadAll } from './app/start-app';
import { openMicrophone } from './audio/microphone';
import { askMicrophonePermission, queryMicrophonePermission } from './audio/microphone-permission';
import { microphoneProblem } from './audio/microphone-problem';
import { Speaker, type PlaybackStats } from './audio/speaker';
import { bannerForError } from './banners/banner-for-error';
import { chooseBridge } from './bridge/choose-bridge';
import { en } from './i18n/messages-en';
import { translate } from './i18n/translate';
import { createAppStore } from './store/app-store';
import { createTalkController } from './talk/talk-controller';
import { createChimePlayer } from './listening/chime';
import { createListeningController } from './listening/listening-controller';
import { openMicrophoneStream } from './listening/microphone-stream';
import { createKnowledgeActions, followKnowledge } from './knowledge/knowledge-actions';
import { KnowledgeProvider } from './knowledge/state/knowledge-context';
import { createKnowledgeStore } from './knowledge/store/knowledge-store';
import './styles.css';

declare global {
  interface Window {
    /** Playback counters, read by the end-to-end tests. */
    __earshotPlayback?: PlaybackStats;
  }
}

const SETUP_PROBLEMS = new Set<ErrorInfo['code']>(['llm_unreachable', 'llm_model_missing', 'stt_model_missing', 'tts_model_missing']);

function start(root: HTMLElement): void {
  const store = createAppStore(navigator.languages);
  // Set once the actions exist: a turn that finds Ollama or a model missing re-checks the setup, so
  // the status under Talk stops saying "Ready".
  let recheckSetup: (() => Promise<void>) | null = null;
  const report = (error: ErrorInfo) => {
    const s = store.getState();
    // Once the host has turned this page away, the banner saying so is the whole story: requests
    // failing for want of a connection would only add "reload the page", which cannot help.
    if (s.connection === 'refused' && error.code === 'internal' && error.params?.variant === 'notConnected') return;
    const context = { ollamaHost: s.setup?.ollama.host, chatModel: s.setup?.chatModel.name };
    s.showBanner(bannerForError(error, context));
    if (SETUP_PROBLEMS.has(error.code)) void recheckSetup?.();
  };

  const bridge = chooseBridge(window, (state, reconnected) => {
    const s = store.getState();
    s.setConnection(state);
    if (state === 'lost') {
      s.showBanner({ id: 'connection', level: 'error', text: { kind: 'catalog', key: 'connection.lost' } });
      // The turn in progress cannot finish over a lost connection: end it and go quiet.
      speaker.stop();
      s.abandonTurn(null);
      if (s.capturing) void talk.release();
    }
    if (state === 'refused') s.showBanner({ id: 'connection', level: 'error', text: { kind: 'catalog', key: 'connection.refused' } });
    if (state === 'open') s.dismissBanner('connection');
    if (reconnected) void loadAll(options);
  });

  const speaker = new Speaker(() => new AudioContext(), {
    onTurnAudible: (turnId) => talk.audible(turnId),
    onStats: (stats) => {
      window.__earshotPlayback = stats;
      if (store.getState().playing !== stats.playing) store.getState().setPlaying(stats.playing);
    },
  });
  // The speaker picked in Settings, now and whenever it changes; the default when it is unplugged.
  let output = '';
  store.subscribe((state) => {
    const id = state.settings?.audio.outputDeviceId ?? '';
    if (id === output) return;
    output = id;
    void speaker.setOutput(id);
  });

  // Worded from code and params when shown (error-wording.ts); the English message is for logs.
  const microphoneError = (error: unknown): ErrorInfo => {
    const problem = microphoneProblem(error);
    if (problem.kind === 'denied') {
      store.getState().setMicPermission('denied');
      return { code: 'permission_denied', params: { variant: 'micDenied' }, message: translate(en, 'mic.denied') };
    }
    if (problem.kind === 'missing') return { code: 'permission_denied', params: { variant: 'micMissing' }, message: translate(en, 'mic.missing') };
    return { code: 'internal', params: { variant: 'micFailed', detail: problem.detail }, message: translate(en, 'mic.failed', { detail: problem.detail }) };
  };

  const talk = createTalkController({
    bridge,
    store,
    speaker,
    openMicrophone: (handlers) => openMicrophone(handlers, undefined, () => store.getState().settings?.audio.inputDeviceId ?? ''),
    report,
    microphoneError,
  });

  const actions = createAppActions({
    bridge,
    store,
    talk,
    report,
    queryMicrophone: queryMicrophonePermission,
    askMicrophone: askMicrophonePermission,
  });
  recheckSetup = actions.refreshSetup;

  const listening = createListeningController({
    bridge,
    store,
    openStream: (onFrame) => openMicrophoneStream(onFrame),
    stopPlayback: () => speaker.stop(),
    playChime: createChimePlayer(() => new AudioContext()),
    report,
    microphoneError,
  });
  listening.sync();

  const options = { bridge, store, talk, actions, report };
  listen(options);
  const knowledgeStore = createKnowledgeStore();
  const knowledge = createKnowledgeActions(bridge, knowledgeStore, report);
  followKnowledge(bridge, knowledgeStore, knowledge);
  void loadAll(options);
  // Loads the voice detector's model and wasm now, so the first press only has to open the microphone.
  talk.prepare().catch(() => undefined);

  createRoot(root).render(
    <StrictMode>
      <AppProvider store={store} actions={actions}>
        <KnowledgeProvider store={knowledgeStore} actions={knowledge}>
          <App />
        </KnowledgeProvider>
      </AppProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) start(root);
