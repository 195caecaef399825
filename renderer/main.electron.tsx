import { boot } from './app/boot.tsx';
import { getElectronBridge } from './bridge/electron-bridge.ts';

// In the Electron shell, the preload exposed the Bridge through contextBridge.
void boot(getElectronBridge);
