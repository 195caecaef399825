import { useEffect, useRef } from 'react';
import type { ReadScansResult, Scan } from '../../shared/bridge/bridge.ts';
import { useDesk } from '../app/desk-context.ts';

export type SerialState = Extract<ReadScansResult, { ok: true }>['serial'];

/**
 * Codes from the desk's serial scanner, while the calling screen is open: each one is handed to
 * `onScan` as if typed into the scan field and submitted. Only codes read after the screen opened
 * count; a code scanned on another screen is not acted on later. The machine side keeps the scans,
 * this asks for those after the last one seen (a long poll), so none is missed between two calls.
 */
export function useSerialScans(onScan: (scan: Scan) => void, onState?: (state: SerialState) => void): void {
  // onState hears the port's state after every answer, the first one included (the poll has started).
  const desk = useDesk();
  const latest = useRef(onScan);
  latest.current = onScan;
  const latestState = useRef(onState);
  latestState.current = onState;
  useEffect(() => {
    let stopped = false;
    let after: number | null = null;
    void (async () => {
      while (!stopped) {
        const r = await desk.bridge.readScans({ after: after ?? 0, waitMs: after === null ? 0 : 10_000 }).catch(() => null);
        if (stopped) return;
        if (!r || !r.ok) {
          await new Promise((res) => setTimeout(res, 2_000));
          continue;
        }
        latestState.current?.(r.serial);
        if (after !== null) for (const s of r.scans) latest.current(s);
        after = Math.max(after ?? 0, r.scans.at(-1)?.seq ?? 0);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [desk]);
}
