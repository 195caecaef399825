import { useRef, type KeyboardEvent } from 'react';
import { charForKeyCode } from '../../shared/scan/key-codes.ts';
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
  // A serial scanner's code lands in the field and is submitted, like a keyboard scanner's Enter.
  useSerialScans((code) => {
    onChange(code);
    onSubmit(code);
  });

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === 'Tab') {
      if (e.key === 'Tab' && value === '') return;
      e.preventDefault();
      onSubmit(ref.current?.value ?? value);
      return;
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
