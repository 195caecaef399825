import { boot } from './app/boot.tsx';
import { createWebBridge, readLaunchToken } from './bridge/web-bridge.ts';

// In a browser, the web host on 127.0.0.1 is the machine; its per-launch token came in the URL fragment.
void boot(() => createWebBridge({ token: readLaunchToken() }));
