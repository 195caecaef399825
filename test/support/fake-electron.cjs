/**
 * A stand-in for the 'electron' module, for running the real main-process bundle (dist-like main.cjs)
 * under plain Node: `node --require test/support/fake-electron.cjs main.cjs`. It records the window,
 * the IPC handlers and the app's calls, and answers FAKE_ELECTRON_CALLS (a JSON list of
 * [channel, request] pairs) once the main window exists, printing every answer as one JSON line.
 * Only the seams main.ts touches; anything else is a no-op function.
 */
const Module = require('node:module');
const { pathToFileURL } = require('node:url');

const handlers = new Map();
const windows = [];
const record = { appUserModelId: null, menu: undefined, errors: [] };
const noop = () => undefined;
const anything = () => new Proxy(noop, { get: (_t, key) => (key === 'then' ? undefined : anything()), apply: () => undefined });

const app = {
  isPackaged: false,
  setAppUserModelId: (id) => void (record.appUserModelId = id),
  requestSingleInstanceLock: () => true,
  on: noop,
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.FAKE_ELECTRON_USER_DATA,
  getVersion: () => '0.1.0',
  quit: noop,
  exit: (code) => {
    console.log(JSON.stringify({ exit: code, errors: record.errors }));
    process.exit(code);
  },
  setLoginItemSettings: noop,
};

class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.loaded = [];
    windows.push(this);
    setImmediate(answerCalls);
  }
  once() {}
  on() {}
  show() {}
  close() {}
  loadFile(path) {
    this.loaded.push(path);
    return Promise.resolve();
  }
}

const session = {
  defaultSession: new Proxy({ webRequest: { onBeforeRequest: noop, onHeadersReceived: noop } }, { get: (t, key) => (key in t ? t[key] : noop) }),
};

const fake = {
  app,
  BrowserWindow,
  dialog: { showErrorBox: (_title, message) => void record.errors.push(message) },
  ipcMain: { handle: (channel, fn) => void handlers.set(channel, fn), removeHandler: (channel) => void handlers.delete(channel) },
  Menu: { setApplicationMenu: (menu) => void (record.menu = menu) },
  session,
  contextBridge: anything(),
  ipcRenderer: anything(),
};

let answered = false;
async function answerCalls() {
  if (answered || windows.length === 0) return;
  answered = true;
  const win = windows[0];
  const page = win.loaded[0];
  const event = { senderFrame: { url: pathToFileURL(page).href } };
  const calls = JSON.parse(process.env.FAKE_ELECTRON_CALLS || '[]');
  const answers = [];
  for (const [channel, request] of calls) {
    const handler = handlers.get(channel);
    // JSON has no undefined: a null request is a call without one.
    answers.push(handler ? await (request === null ? handler(event) : handler(event, request)) : { missing: channel });
  }
  console.log(JSON.stringify({ window: { options: win.options, loaded: win.loaded }, channels: [...handlers.keys()].sort(), appUserModelId: record.appUserModelId, menu: record.menu === null ? 'none' : 'default', answers, errors: record.errors }));
  process.exit(0);
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return __filename;
  return resolve.call(this, request, ...rest);
};
module.exports = fake;
// Loaded both as the --require hook and as 'electron': the same object either way.
require.cache[__filename].exports = fake;
