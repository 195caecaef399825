import { createElectronSetupBridge } from '../bridge/electron-setup-bridge.ts';
import { bootSetup } from './boot-setup.tsx';

// In the Electron shell the setup preload exposed the setup API; after Start the main process opens the desk's window and closes this one.
void bootSetup(
  () => createElectronSetupBridge(window.shekaraSetup),
  () => undefined,
);
