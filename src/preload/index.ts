// Preload: exposes window.earshot (the contract bridge) and window.earshotFiles (dropped files' paths) to the sandboxed page, and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createIpcBridge } from './ipc-bridge';

const bridge = createIpcBridge(ipcRenderer);

contextBridge.exposeInMainWorld('earshot', {
  request: bridge.request,
  on: bridge.on,
});

// Where a file dropped on the window lives, so it can be added to the documents; only a path string
// crosses, never the File's other properties.
contextBridge.exposeInMainWorld('earshotFiles', {
  pathOf: (file: File): string => webUtils.getPathForFile(file),
});
