import { useEffect, useRef } from 'react';
import { useDesk } from '../app/desk-context.ts';

/**
 * Codes from the desk's serial scanner, while the calling screen is open: each one is handed to
 * `onScan` as if typed into the scan field and submitted. Only codes read after the screen opened
 * count; a code scanned on another screen is not acted on later. The machine side keeps the scans,
 * this asks for those after the last one seen (a long poll), so none is missed between two calls.
 */
export function useSerialScans(onScan: (code: string) => void): void {
  const desk = useDesk();
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    let stopped = false;
    let after: number | null = null;
    void (async () => {
      while (!stopped) {
        const r = await desk.bridge.readScans({ after: after ?? 0, waitMs: after === null ? 0 : 15_000 }).catch(() => null);
        if (stopped) return;
        if (!r || !r.ok) {
          await new Promise((res) => setTimeout(res, 2_000));
          continue;
        }
        if (after !== null) for (const s of r.scans) if (s.decoded !== '') latest.current(s.decoded);
        after = Math.max(after ?? 0, r.scans.at(-1)?.seq ?? 0);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [desk]);
}
