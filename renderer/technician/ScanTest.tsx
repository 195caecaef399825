import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WedgeSettings } from '../../shared/scan/wedge-detector.ts';
import { createWedgeDetector } from '../../shared/scan/wedge-detector.ts';
import { useSerialScans, type SerialState } from '../verify/use-serial-scans.ts';

type Row = { id: number; source: 'scan' | 'typed' | 'serial'; raw: string; decoded: string; medianMs: number | null };

/**
 * The scan test: keys typed into the box go through the wedge detector with the settings on the form
 * (so a change shows at once), and the serial scanner's codes arrive by long poll. Each code is listed
 * raw and decoded, newest first.
 */
export function ScanTest({ wedge }: { wedge: WedgeSettings }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>([]);
  const [serial, setSerial] = useState<SerialState>({ state: 'off' });
  const nextId = useRef(1);
  const detector = useMemo(() => createWedgeDetector(wedge), [wedge]);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const add = (r: Omit<Row, 'id'>) =>
    setRows((old) => {
      // A person types with pauses, which end a burst each time: their keys read as one typed row.
      const top = old[0];
      if (r.source === 'typed' && top?.source === 'typed') return [{ ...top, raw: top.raw + r.raw, decoded: top.decoded + r.decoded }, ...old.slice(1)];
      return [{ ...r, id: nextId.current++ }, ...old].slice(0, 50);
    });

  // Serial scans read while this screen is open, with the port's state.
  useSerialScans((s) => add({ source: 'serial', raw: s.raw, decoded: s.decoded, medianMs: null }), setSerial);

  const take = (captures: ReturnType<typeof detector.key>) => {
    for (const c of captures) add({ source: c.kind, raw: c.raw, decoded: c.decoded, medianMs: c.medianIntervalMs });
  };

  return (
    <div className="scan-test">
      <h3>{t('tech.testTitle')}</h3>
      <p className="hint">{t('tech.testHint')}</p>
      <p data-testid="serial-state">
        {serial.state === 'open' ? t('tech.serialOpen', { port: serial.port }) : serial.state === 'failed' ? t('tech.serialFailed', { port: serial.port, message: serial.message }) : t('tech.serialOff')}
      </p>
      <div
        className="scan-box"
        data-testid="scan-box"
        tabIndex={0}
        role="textbox"
        aria-label={t('tech.testBox')}
        onKeyDown={(e) => {
          // The box only listens: nothing typed here goes anywhere else.
          e.preventDefault();
          take(detector.key({ code: e.nativeEvent.code, key: e.key, shiftKey: e.shiftKey, timeMs: e.timeStamp }));
          clearTimeout(idleTimer.current);
          const at = e.timeStamp;
          idleTimer.current = setTimeout(() => take(detector.flush(at + wedge.idleMs)), wedge.idleMs + 20);
        }}
      >
        {t('tech.testBox')}
      </div>
      {rows.length === 0 ? (
        <p>{t('tech.noScans')}</p>
      ) : (
        <table className="scan-rows">
          <thead>
            <tr>
              <th />
              <th>{t('tech.raw')}</th>
              <th>{t('tech.decoded')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="scan-row" data-source={r.source}>
                <td>
                  {r.source === 'scan' ? t('tech.kindScan') : r.source === 'typed' ? t('tech.kindTyped') : t('tech.kindSerial')}
                  {r.medianMs !== null && <small> · {t('tech.gap', { ms: Math.round(r.medianMs) })}</small>}
                </td>
                <td className="raw">
                  <code data-testid="scan-raw">{r.raw}</code>
                </td>
                <td>
                  <code data-testid="scan-decoded">{r.decoded}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
