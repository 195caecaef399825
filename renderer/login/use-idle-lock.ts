import { useEffect } from 'react';

/** Five minutes without a key, a click or a scan locks the desk; a launch may shorten it for tests. */
export const DEFAULT_IDLE_LOCK_MS = 5 * 60_000;
const IDLE_KEY = 'shekara.idleLockMs';

export function idleLockMs(): number {
  const set = Number(globalThis.localStorage?.getItem(IDLE_KEY));
  // Never longer than the default: the setting only shortens, so a desk cannot be left open by it.
  return Number.isFinite(set) && set >= 1000 && set < DEFAULT_IDLE_LOCK_MS ? set : DEFAULT_IDLE_LOCK_MS;
}

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` after `ms` without activity in the window, while `onIdle` is given. */
export function useIdleLock(onIdle: (() => void) | null, ms = idleLockMs()): void {
  useEffect(() => {
    if (!onIdle) return;
    let timer = setTimeout(onIdle, ms);
    const activity = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, ms);
    };
    for (const type of ACTIVITY) window.addEventListener(type, activity, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, activity, { capture: true });
    };
  }, [onIdle, ms]);
}
