// Everything the interface can ask of main, as plain functions over the bridge and the store.
// A failed request becomes a banner that says what to do; components never see a Reply.
import type { EarshotBridge } from '../../../shared/bridge';
import type { RequestName, RequestParams, RequestResults } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import type { AppStore } from '../store/app-store';
import type { MicPermission } from '../store/setup-slice';
import type { TalkController } from '../talk/talk-controller';
import type { AppActions } from '../state/app-actions-type';
import { createConversationActions } from '../conversations/conversation-actions';
import { pressRefused, talkProblem } from '../talk/talk-readiness';

export type { AppActions };

export interface ActionDependencies {
  bridge: EarshotBridge;
  store: AppStore;
  talk: TalkController;
  report(error: ErrorInfo): void;
  /** The page's microphone permission (navigator.permissions), and asking for it. */
  queryMicrophone(): Promise<MicPermission>;
  askMicrophone(): Promise<MicPermission>;
}

export function createAppActions(deps: ActionDependencies): AppActions {
  const { bridge, store, talk } = deps;

  /** A request's value, or null after reporting its error. */
  async function call<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResults[N] | null> {
    const reply = await bridge.request(name, params);
    if (reply.ok) return reply.value;
    if (reply.error.code !== 'cancelled') deps.report(reply.error);
    return null;
  }

  const refreshSetup = async () => {
    const [status, mic, models] = await Promise.all([call('setup.status', {}), deps.queryMicrophone(), call('models.list', {})]);
    const s = store.getState();
    if (status) {
      s.setSetup(status);
      // What the check now finds fixed no longer needs a banner telling the user to fix it.
      if (status.ollama.reachable) s.dismissBanner('llm_unreachable');
      if (status.chatModel.installed) s.dismissBanner('llm_model_missing');
      if (status.stt.installed) s.dismissBanner('stt_model_missing');
      if (Object.values(status.voices).every((v) => v.installed)) s.dismissBanner('tts_model_missing');
    }
    if (models) s.setModels(models);
    s.setMicPermission(mic);
    if (status?.ollama.reachable) {
      const chatModels = await call('ollama.models', {});
      if (chatModels) s.setChatModels(chatModels);
    } else {
      s.setChatModels([]);
    }
  };

  /** After a change that may name a model not installed yet (a preset, a model field), check again. */
  const touchesModels = (patch: Record<string, unknown>) => ['stt', 'tts', 'llm', 'preset'].some((section) => section in patch);

  const download = async (model: string, run: () => Promise<unknown>) => {
    await run();
    store.getState().clearDownload(model);
    await refreshSetup();
  };

  return {
    press: () => {
      // Talk does not pretend to listen while Ollama or a model is missing (the status says which);
      // a press that interrupts a reply is always let through.
      const s = store.getState();
      if (pressRefused(talkProblem(s.connection, s.setup), s.turn, s.playing)) return;
      void talk.press();
    },
    release: () => void talk.release(),
    ask: (text) => talk.ask(text),
    setSettingsOpen: (open) => store.getState().setSettingsOpen(open),
    updateSettings: async (patch) => {
      const reply = await bridge.request('settings.update', { patch });
      if (!reply.ok) return reply.error;
      store.getState().setSettings(reply.value);
      if (touchesModels(patch)) void refreshSetup();
      return null;
    },
    applyPreset: async (preset) => {
      const settings = await call('settings.applyPreset', { preset });
      if (settings) {
        store.getState().setSettings(settings);
        void refreshSetup(); // a preset may pick a model that is not installed: the check offers it
      }
      return settings !== null;
    },
    refreshCache: async () => {
      const stats = await call('cache.stats', {});
      if (stats) store.getState().setCacheStats(stats);
    },
    clearCache: async (kind) => {
      const stats = await call('cache.clear', kind ? { kind } : {});
      if (stats) store.getState().setCacheStats(stats);
    },
    refreshMemories: async () => {
      const items = await call('memory.list', {});
      if (items) store.getState().setMemories(items);
    },
    updateMemory: async (id, text) => {
      const item = await call('memory.update', { id, text });
      if (!item) return false;
      store.getState().setMemories(store.getState().memories.map((m) => (m.id === id ? item : m)));
      return true;
    },
    deleteMemory: async (id) => {
      const done = await bridge.request('memory.delete', { id });
      if (!done.ok) return deps.report(done.error);
      store.getState().setMemories(store.getState().memories.filter((m) => m.id !== id));
    },
    refreshSetup,
    requestMicrophone: async () => {
      store.getState().setMicPermission(await deps.askMicrophone());
    },
    fetchModel: (id) => download(id, () => call('models.fetch', { id })),
    pullModel: (name) => download(name, () => call('ollama.pull', { model: name })),
    cancelDownload: async (id) => {
      await call('models.cancel', { id });
      store.getState().clearDownload(id);
    },
    conversations: createConversationActions({
      call,
      store,
      schedule: (work, ms) => {
        const timer = setTimeout(work, ms);
        return () => clearTimeout(timer);
      },
    }),
  };
}
