// The contract's names as plain lists, without zod, for the preload (a sandboxed preload bundles
// nothing it can avoid) and every host. contract.ts checks at compile time that these lists and
// its schema and event maps name the same things.

export const REQUEST_NAMES = [
  'turn.begin',
  'turn.audio',
  'turn.end',
  'turn.cancel',
  'turn.ask',
  'turn.played',
  'settings.get',
  'settings.update',
  'settings.applyPreset',
  'history.list',
  'cache.stats',
  'cache.clear',
  'memory.list',
  'memory.update',
  'memory.delete',
  'metrics.recent',
  'metrics.summary',
  'models.list',
  'setup.status',
  'models.fetch',
  'models.cancel',
  'ollama.pull',
  'app.info',
  'history.conversations',
  'history.show',
  'history.new',
  'history.open',
  'history.rename',
  'history.delete',
  'history.clear',
  'history.search',
  'ollama.models',
  'listening.audio',
  'listening.pause',
  'knowledge.list',
  'knowledge.add',
  'knowledge.remove',
  'knowledge.reindex',
  'knowledge.control',
  'knowledge.choose',
  'knowledge.open',
  'knowledge.quoted',
] as const;

export const EVENT_NAMES = ['turn', 'settings.changed', 'notice', 'model.progress', 'hotkey', 'hotkey.status', 'ui.open', 'listening.state', 'knowledge.progress'] as const;

export type RequestChannelName = (typeof REQUEST_NAMES)[number];
export type EventChannelName = (typeof EVENT_NAMES)[number];

/** Electron IPC channel for a request (ipcMain.handle / ipcRenderer.invoke). */
export function requestChannel(name: RequestChannelName): string {
  return `earshot:request:${name}`;
}

/** Electron IPC channel for an event (webContents.send / ipcRenderer.on). */
export function eventChannel(name: EventChannelName): string {
  return `earshot:event:${name}`;
}

export function isRequestName(name: unknown): name is RequestChannelName {
  return typeof name === 'string' && (REQUEST_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventChannelName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
