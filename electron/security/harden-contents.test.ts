import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ownRendererPage } from '../ipc-handlers.ts';
import { hardenContents, type HardenableContents } from './harden-contents.ts';

const HTML = '/opt/shekara/dist/renderer/electron.html';
const OWN = 'file:///opt/shekara/dist/renderer/electron.html';

/** A web contents as far as hardenContents sees it: an emitter plus the window-open handler slot. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
  }) as unknown as HardenableContents;
  /** Emits `name` as Electron does and says whether a listener prevented it. */
  const emitPreventable = (name: string, url = '', ...rest: unknown[]) => {
    let isPrevented = false;
    emitter.emit(name, { url, preventDefault: () => (isPrevented = true) }, ...rest);
    return isPrevented;
  };
  return { contents, emitter, emitPreventable, open: (url: string) => openHandler?.({ url }) ?? { action: 'allow' } };
}

function hardened() {
  const fake = fakeContents();
  hardenContents(fake.contents, ownRendererPage(HTML));
  return fake;
}

const FOREIGN = ['https://evil.example/', 'http://127.0.0.1:8788/', 'file:///etc/passwd', 'file:///opt/shekara/dist/renderer/index.html', 'javascript:alert(1)', 'about:blank', 'not a url'];

describe('hardenContents', () => {
  for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    it(`${event}: prevented to anywhere but our renderer page`, () => {
      const { emitPreventable } = hardened();
      for (const url of FOREIGN) expect(emitPreventable(event, url), url).toBe(true);
      // Our own page (a reload, a route in the fragment) goes ahead.
      expect(emitPreventable(event, OWN)).toBe(false);
      expect(emitPreventable(event, `${OWN}#/verify`)).toBe(false);
    });
  }

  it('will-attach-webview is prevented', () => {
    expect(hardened().emitPreventable('will-attach-webview')).toBe(true);
  });

  it('window.open and target=_blank are denied, http(s) links included, and nothing else is opened', () => {
    const { open } = hardened();
    for (const url of ['https://evil.example/', 'http://example.kz/', OWN, 'about:blank', 'mailto:x@example.kz']) expect(open(url), url).toEqual({ action: 'deny' });
  });

  it('a Bluetooth chooser picks no device', () => {
    const { emitter } = hardened();
    let isPrevented = false;
    const picked: string[] = [];
    emitter.emit('select-bluetooth-device', { preventDefault: () => (isPrevented = true) }, [{ deviceId: 'aa:bb', deviceName: 'scanner' }], (id: string) => picked.push(id));
    expect(isPrevented).toBe(true);
    expect(picked).toEqual(['']);
  });
});
