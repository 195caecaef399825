import { createWebSetupBridge } from '../bridge/web-setup-bridge.ts';
import { readLaunchToken } from '../bridge/web-bridge.ts';
import { bootSetup } from './boot-setup.tsx';

// The web host serves this page while it has no desk; once enrolled, its `/` is the app (same token, kept in the tab).
void bootSetup(
  () => createWebSetupBridge({ token: readLaunchToken() }),
  () => globalThis.location.replace('/'),
);
