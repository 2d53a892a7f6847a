// Connects the page to main: listens to every event, loads what the page shows (settings,
// history, latency, first-run status, hotkey), and reloads it when a lost connection comes back.
import type { EarshotBridge } from '../../../shared/bridge';
import type { ErrorInfo } from '../../../shared/errors';
import type { AppStore } from '../store/app-store';
import type { TalkController } from '../talk/talk-controller';
import type { AppActions } from './app-actions';

/** How many past exchanges and turns the page loads. */
const HISTORY_LOADED = 50;
const LATENCY_LOADED = 100;
/** Main stores a turn's metrics after the turn, with marks reported late (first audio played). */
const METRICS_SETTLE_MS = 1_500;

export interface StartOptions {
  bridge: EarshotBridge;
  store: AppStore;
  talk: TalkController;
  actions: AppActions;
  report(error: ErrorInfo): void;
}

const shownStartupNotices = new Set<string>();

/** Loads everything the page shows from main. */
export async function loadAll({ bridge, store, actions, report }: StartOptions): Promise<void> {
  const s = store.getState();
  const [settings, history, metrics, info] = await Promise.all([
    bridge.request('settings.get', {}),
    bridge.request('history.list', { limit: HISTORY_LOADED }),
    bridge.request('metrics.recent', { limit: LATENCY_LOADED }),
    bridge.request('app.info', {}),
  ]);
  if (settings.ok) s.setSettings(settings.value);
  else report(settings.error);
  if (history.ok) s.setHistory(history.value);
  if (metrics.ok) s.setLatency(metrics.value);
  if (info.ok) {
    s.setAppInfo(info.value);
    s.setHotkeyStatus(info.value.hotkey);
    // Start-up problems (settings reset, a damaged database kept aside), once per page: a
    // reconnection to the same Earshot does not bring back one the user dismissed.
    for (const error of info.value.startupNotices) {
      if (shownStartupNotices.has(error.message)) continue;
      shownStartupNotices.add(error.message);
      s.showBanner({ id: `notice:${error.message}`, level: 'warning', text: { kind: 'error', error, context: {} } });
    }
  }
  await actions.refreshSetup();
}

/** Subscribes to main's events; returns the unsubscribe. */
export function listen({ bridge, store, talk }: StartOptions): () => void {
  const s = () => store.getState();
  const offs = [
    bridge.on('turn', (event) => {
      talk.handleTurnEvent(event);
      if (event.type === 'done') {
        setTimeout(() => {
          void bridge.request('metrics.recent', { limit: LATENCY_LOADED }).then((reply) => reply.ok && s().mergeLatency(reply.value));
        }, METRICS_SETTLE_MS);
      }
    }),
    bridge.on('settings.changed', (settings) => s().setSettings(settings)),
    bridge.on('notice', (notice) => s().showBanner({ id: `notice:${notice.message}`, level: notice.level, text: { kind: 'plain', message: notice.message } })),
    // A finished download leaves the list, whichever page started it.
    bridge.on('model.progress', (progress) => (progress.phase === 'done' ? s().clearDownload(progress.model) : s().setDownload(progress))),
    bridge.on('hotkey', (event) => void (event.action === 'pressed' ? talk.press(event.turnId) : talk.release())),
    bridge.on('hotkey.status', (status) => s().setHotkeyStatus(status)),
    bridge.on('ui.open', ({ view }) => {
      s().setSettingsOpen(view === 'settings');
      if (view === 'latency') s().setLatencyOpen(true);
    }),
  ];
  return () => offs.forEach((off) => off());
}
