import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { charForKeyCode } from '../../shared/scan/key-codes.ts';
import { createWedgeDetector, DEFAULT_WEDGE_SETTINGS, type WedgeSettings } from '../../shared/scan/wedge-detector.ts';
import { useDesk } from '../app/desk-context.ts';
import { useSerialScans } from './use-serial-scans.ts';

type Props = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  label: string;
  hint: string;
};

/** The scan field: always focused, layout-independent for scanners, Enter submits; serial scans arrive here too. */
export function ScanInput({ id, value, onChange, onSubmit, label, hint }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const desk = useDesk();
  // The technician's keyboard-scanner settings: a prefix to drop, and what ends a code (Enter, Tab or a pause).
  const [wedge, setWedge] = useState<WedgeSettings>(DEFAULT_WEDGE_SETTINGS);
  // Ready once the settings are read and the serial poll has started (tests and support wait for it).
  const [settingsRead, setSettingsRead] = useState(false);
  const [polling, setPolling] = useState(false);
  useEffect(() => {
    void desk.bridge.getScannerSettings().then(
      (r) => {
        if (r.ok) setWedge(r.wedge);
        setSettingsRead(true);
      },
      () => setSettingsRead(true),
    );
  }, [desk]);
  const detector = useMemo(() => createWedgeDetector(wedge), [wedge]);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(idleTimer.current), []);
  const submit = (raw: string) => {
    clearTimeout(idleTimer.current);
    onSubmit(wedge.prefix && raw.startsWith(wedge.prefix) ? raw.slice(wedge.prefix.length) : raw);
  };
  // A serial scanner's code lands in the field and is submitted, like a keyboard scanner's Enter.
  useSerialScans(
    ({ decoded }) => {
      if (decoded === '') return;
      onChange(decoded);
      onSubmit(decoded);
    },
    () => setPolling(true),
  );

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === 'Tab') {
      if (e.key === 'Tab' && value === '') return;
      e.preventDefault();
      detector.key({ code: e.nativeEvent.code, key: e.key, shiftKey: e.shiftKey, timeMs: e.timeStamp });
      submit(ref.current?.value ?? value);
      return;
    }
    // A scanner set to end codes with nothing: the burst that stops for idleMs is submitted as a scan.
    detector.key({ code: e.nativeEvent.code, key: e.key, shiftKey: e.shiftKey, timeMs: e.timeStamp });
    if (wedge.suffix === 'none') {
      clearTimeout(idleTimer.current);
      const at = e.timeStamp;
      idleTimer.current = setTimeout(() => {
        if (detector.flush(at + wedge.idleMs).some((c) => c.kind === 'scan') && ref.current) submit(ref.current.value);
      }, wedge.idleMs + 10);
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return;
    const ch = charForKeyCode(e.code, e.shiftKey);
    if (ch === null) return;
    e.preventDefault();
    const el = e.currentTarget;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    const next = el.value.slice(0, start) + ch + el.value.slice(end);
    onChange(next);
    requestAnimationFrame(() => el.setSelectionRange(start + 1, start + 1));
  }

  return (
    <label className="scan-field" htmlFor={id}>
      <span className="label">{label}</span>
      <input
        id={id}
        ref={ref}
        data-testid="scan-input"
        data-ready={settingsRead && polling ? 'true' : 'false'}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={hint}
      />
    </label>
  );
}
