// The contract over Electron IPC: one ipcMain.handle channel per request name (names from the
// contract, channels from channels.ts), each checking that the sender is our page's main frame
// before calling the contract handler; events go to the window with webContents.send.
import { EVENT_NAMES, eventChannel, REQUEST_NAMES, requestChannel } from '../../shared/channels';
import type { Reply } from '../../shared/contract';
import type { ContractHandler } from '../core/runtime/contract-handler';
import { isOwnPage, type RendererLocation } from './renderer-location';

export interface SenderFrame {
  url: string;
  parent: unknown;
}

export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<Reply<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface EventSink {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

const REFUSED: Reply<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'Earshot answers requests only from its own window.' },
};

/** Our page's top frame, and nothing else (no subframe, no other page, no destroyed frame). */
export function isTrustedSender(frame: SenderFrame | null, location: RendererLocation): boolean {
  return frame !== null && (frame.parent === null || frame.parent === undefined) && isOwnPage(frame.url, location);
}

/** Registers every request channel; returns a function that removes them. */
export function bindContractIpc(ipcMain: IpcMainLike, handler: ContractHandler, location: RendererLocation, onRefused: (url: string) => void = () => {}): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(requestChannel(name), async (event, payload) => {
      if (!isTrustedSender(event.senderFrame, location)) {
        onRefused(event.senderFrame?.url ?? '(destroyed frame)');
        return REFUSED;
      }
      return handler.handle(name, payload);
    });
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(requestChannel(name));
  };
}

/** Sends every contract event to the window while it exists; returns the unsubscribe function. */
export function forwardEvents(handler: ContractHandler, target: EventSink): () => void {
  return handler.subscribe((event, payload) => {
    if (!EVENT_NAMES.includes(event) || target.isDestroyed()) return;
    target.send(eventChannel(event), payload);
  });
}
