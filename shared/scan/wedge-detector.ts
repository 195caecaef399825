/**
 * Tells a keyboard-wedge scanner from a person at the keyboard (issue 7 item 4). A scanner types a
 * whole code in a burst, a few milliseconds between keys, and usually ends it with Enter or Tab; a
 * person, even a fast typist, leaves 60 ms or more between most keys. What was meant is read from the
 * key codes, not the characters, so a Russian or Kazakh layout does not corrupt a scan (key-codes.ts).
 */
import { charForKeyCode } from './key-codes.ts';

export type WedgeSettings = {
  /** Keys this close together (ms) belong to one burst; a scanner is well under it, a typist over it. */
  maxIntervalMs: number;
  /** A burst shorter than this is never a scan (a person can hit two keys fast). */
  minLength: number;
  /** Characters the scanner sends before every code (e.g. an AIM identifier like "]C1"), removed. */
  prefix: string;
  /** What ends a scan: Enter, Tab, or nothing (the burst ends when the keys stop for idleMs). */
  suffix: 'Enter' | 'Tab' | 'none';
  /** With no suffix: this long without a key ends the burst. */
  idleMs: number;
};

export const DEFAULT_WEDGE_SETTINGS: WedgeSettings = { maxIntervalMs: 35, minLength: 6, prefix: '', suffix: 'Enter', idleMs: 80 };

export type WedgeKey = { code: string; key: string; shiftKey: boolean; timeMs: number };

/** One finished burst of keys: what the OS layout made of it (raw), what the keys meant (decoded). */
export type WedgeCapture = { kind: 'scan' | 'typed'; raw: string; decoded: string; intervalsMs: number[]; medianIntervalMs: number | null };

export type SettingsProblem = { field: keyof WedgeSettings; message: string };

/** A technician's settings, checked: every problem named by its field. */
export function checkWedgeSettings(s: WedgeSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!Number.isInteger(s.maxIntervalMs) || s.maxIntervalMs < 5 || s.maxIntervalMs > 200) problems.push({ field: 'maxIntervalMs', message: 'a whole number of milliseconds, 5 to 200' });
  if (!Number.isInteger(s.minLength) || s.minLength < 2 || s.minLength > 100) problems.push({ field: 'minLength', message: 'a whole number, 2 to 100' });
  if (s.prefix.length > 10) problems.push({ field: 'prefix', message: 'at most 10 characters' });
  if (!Number.isInteger(s.idleMs) || s.idleMs < s.maxIntervalMs || s.idleMs > 2000) problems.push({ field: 'idleMs', message: 'a whole number of milliseconds, from the key interval to 2000' });
  return problems;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Feeds key presses one at a time (in time order); each call returns the bursts it finished. `flush`
 * ends the current burst at a given time (a timer calls it idleMs after the last key).
 */
export function createWedgeDetector(settings: WedgeSettings = DEFAULT_WEDGE_SETTINGS) {
  let keys: WedgeKey[] = [];

  function finish(): WedgeCapture[] {
    if (keys.length === 0) return [];
    const taken = keys;
    keys = [];
    const raw = taken.map((k) => (k.key.length === 1 ? k.key : '')).join('');
    let decoded = taken.map((k) => charForKeyCode(k.code, k.shiftKey) ?? (k.key.length === 1 ? k.key : '')).join('');
    const intervalsMs = taken.slice(1).map((k, i) => k.timeMs - taken[i]!.timeMs);
    const med = median(intervalsMs);
    // Most gaps short, not just the median: a typist's occasional quick pair must not pass.
    const quick = intervalsMs.filter((d) => d <= settings.maxIntervalMs).length;
    const isScan = decoded.length >= settings.minLength && med !== null && med <= settings.maxIntervalMs && quick >= Math.ceil(intervalsMs.length * 0.8);
    if (isScan && settings.prefix && decoded.startsWith(settings.prefix)) decoded = decoded.slice(settings.prefix.length);
    return [{ kind: isScan ? 'scan' : 'typed', raw, decoded, intervalsMs, medianIntervalMs: med }];
  }

  return {
    /** A key press. The suffix key ends the burst and is not part of it; a long pause starts a new one. */
    key(k: WedgeKey): WedgeCapture[] {
      const last = keys.at(-1);
      const done = last && k.timeMs - last.timeMs > Math.max(settings.idleMs, settings.maxIntervalMs) ? finish() : [];
      if (settings.suffix !== 'none' && k.code === settings.suffix) return [...done, ...finish()];
      if (charForKeyCode(k.code, k.shiftKey) === null && k.key.length !== 1) return done; // Shift, Ctrl…
      keys.push(k);
      return done;
    },
    /** Ends the burst if the last key is at least idleMs old at `nowMs`. */
    flush(nowMs: number): WedgeCapture[] {
      const last = keys.at(-1);
      return last && nowMs - last.timeMs >= settings.idleMs ? finish() : [];
    },
  };
}
