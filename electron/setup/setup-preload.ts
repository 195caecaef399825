/** Electron preload of the first-run wizard (sandboxed): exposes the setup API as window.shekaraSetup and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createSetupPreloadApi } from './setup-preload-api.ts';

contextBridge.exposeInMainWorld('shekaraSetup', createSetupPreloadApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)));
