import { createHlc, formatHlc, hlcReceive, hlcTick, parseHlc } from '../../shared/ids/hlc.ts';

const HLC_KEY = 'shekara.hlc';
let lastStamp: string | null = null;

/**
 * The desk's hybrid logical clock. A new stamp is later than every stamp this desk made (kept across
 * reloads in localStorage, and in memory should storage refuse writes) and later than `seen`, the
 * newest record it acted on: a desk whose wall clock lags the centre's still orders its reservation
 * after the stock event it reserves from.
 */
export function nextStamp(deskId: string, nowMs: number, seen?: string | null): string {
  const saved = globalThis.localStorage?.getItem(HLC_KEY) ?? null;
  const latest = [saved, lastStamp].filter((s): s is string => s !== null).sort().at(-1);
  const state = { ...(latest ? parseHlc(latest) : createHlc(deskId)), node: deskId };
  const next = formatHlc(seen ? hlcReceive(state, seen, nowMs) : hlcTick(state, nowMs));
  lastStamp = next;
  globalThis.localStorage?.setItem(HLC_KEY, next);
  return next;
}
