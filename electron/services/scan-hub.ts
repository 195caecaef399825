/**
 * The serial scanner's codes for the screens: the last 200 scans numbered in order, so a screen asks
 * for what came after the last one it saw (a long poll) and misses none between two calls. The port
 * is opened from the saved settings and reopened when a technician changes them.
 */
import type { Scan } from '../../shared/bridge/bridge.ts';
import type { SerialScannerProfile } from '../../shared/scan/serial-scanner-profile.ts';
import { openSerialScanner, type SerialScanner } from './serial-scanner.ts';

export type SerialState = { state: 'off' | 'open' | 'failed'; port?: string; message?: string };

export type ScanHub = {
  configure(profile: SerialScannerProfile | null): Promise<SerialState>;
  read(after: number, waitMs: number): Promise<{ scans: Scan[]; serial: SerialState }>;
  state(): SerialState;
  close(): Promise<void>;
};

const KEEP = 200;

export function createScanHub(log: (line: string) => void = () => undefined): ScanHub {
  const scans: Scan[] = [];
  let seq = 0;
  let serial: SerialState = { state: 'off' };
  let scanner: SerialScanner | null = null;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const since = (after: number) => scans.filter((s) => s.seq > after);

  // One configure at a time: two overlapping ones would open the port twice and deliver each scan twice.
  let configuring: Promise<unknown> = Promise.resolve();
  let configured: string | null = null;

  async function reconfigure(profile: SerialScannerProfile | null): Promise<SerialState> {
    const key = profile ? JSON.stringify(profile) : null;
    if (key === configured && serial.state === 'open') return serial; // unchanged: keep the port open
    configured = key;
    await scanner?.close();
    scanner = null;
    if (!profile) {
      serial = { state: 'off' };
      return serial;
    }
    const opened = await openSerialScanner(
      profile,
      (scan) => {
        scans.push({ seq: ++seq, at: new Date().toISOString(), raw: scan.raw.slice(0, 20_000), decoded: scan.decoded.slice(0, 20_000) });
        if (scans.length > KEEP) scans.splice(0, scans.length - KEEP);
        wake();
      },
      (err) => {
        serial = { state: 'failed', port: profile.path, message: `${err.code}: ${err.message}` };
        log(`serial scanner ${profile.path}: ${err.code} ${err.message}`);
        wake();
      },
    );
    if (opened.ok) {
      scanner = opened.scanner;
      serial = { state: 'open', port: profile.path };
    } else {
      serial = { state: 'failed', port: profile.path, message: `${opened.error.code}: ${opened.error.message}` };
      log(`serial scanner ${profile.path} did not open: ${opened.error.code} ${opened.error.message}`);
    }
    wake();
    return serial;
  }

  return {
    configure(profile) {
      const result = configuring.then(() => reconfigure(profile));
      configuring = result.catch(() => undefined);
      return result;
    },
    async read(after, waitMs) {
      // A screen that restarted asks from 0, or from a number past ours after the desk restarted.
      const from = after > seq ? 0 : after;
      if (since(from).length === 0 && waitMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, waitMs);
          function done() {
            clearTimeout(timer);
            // A poll that timed out leaves no closure behind: a desk without scans polls all day.
            waiters = waiters.filter((w) => w !== done);
            resolve();
          }
          waiters.push(done);
        });
      }
      return { scans: since(from), serial };
    },
    state: () => serial,
    async close() {
      await scanner?.close();
      scanner = null;
      wake();
    },
  };
}
