/**
 * Every web contents the app creates, present and future, stays on our own renderer page: navigation
 * and redirects elsewhere are prevented, no webview attaches, no window opens (not even an http(s) link
 * in the system browser: a desk has no business opening the web), and no Bluetooth device is handed
 * to a page. Written against a minimal structural type so tests drive it with a fake emitter.
 */

/** What Electron passes to the navigation events: the target URL and a way to stop it. */
export type NavigationEvent = { url: string; preventDefault(): void };
export type PreventableEvent = { preventDefault(): void };

export type HardenableContents = {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'select-bluetooth-device', listener: (event: PreventableEvent, devices: unknown[], callback: (deviceId: string) => void) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/**
 * `isOwnPage` says whether a URL is our renderer page (any fragment or query): the only place a frame
 * may go. Anything else, https://evil.example or another file on disk, is prevented.
 */
export function hardenContents(contents: HardenableContents, isOwnPage: (url: string) => boolean): void {
  const stayHome = (event: NavigationEvent) => {
    if (!isOwnPage(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  // Subframes too (an injected iframe navigating itself); will-navigate fires for the main frame only.
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback(''); // an empty id cancels the page's request
  });
  // Deny, and open nothing outside either: no shell.openExternal anywhere in the app.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
