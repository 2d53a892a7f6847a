// window.earshot for Electron: the contract's requests through ipcRenderer.invoke and its events
// through ipcRenderer.on, by the contract's names only. Listeners get the payload, never the IPC
// event (which would hand the page ipcRenderer itself).
import type { EarshotBridge } from '../shared/bridge';
import { eventChannel, isEventName, isRequestName, requestChannel } from '../shared/channels';
import type { EventName, EventPayloads, Reply } from '../shared/contract';

export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const NO_ANSWER: Reply<never> = {
  ok: false,
  error: { code: 'internal', message: 'Earshot’s main process did not answer — restart Earshot.' },
};

export function createIpcBridge(ipc: IpcRendererLike): EarshotBridge {
  return {
    async request(name, params) {
      if (!isRequestName(name)) {
        return { ok: false, error: { code: 'invalid_input', message: `Earshot does not know the request ${String(name).slice(0, 40)}.` } };
      }
      try {
        return (await ipc.invoke(requestChannel(name), params)) as never;
      } catch {
        return NO_ANSWER;
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (!isEventName(event) || typeof listener !== 'function') return () => {};
      const channel = eventChannel(event);
      const forward = (_event: unknown, payload: unknown) => listener(payload as EventPayloads[E]);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  };
}
