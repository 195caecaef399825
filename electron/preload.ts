/** Electron preload (sandboxed): exposes the Bridge as window.shekara and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api.ts';

contextBridge.exposeInMainWorld('shekara', createPreloadApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)));
