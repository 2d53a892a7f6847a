// Preload: exposes window.earshot (the contract bridge) to the sandboxed page, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './ipc-bridge';

const bridge = createIpcBridge(ipcRenderer);

contextBridge.exposeInMainWorld('earshot', {
  request: bridge.request,
  on: bridge.on,
});
