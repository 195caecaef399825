/** Saves the diagnostics bundle as one JSON file through the browser's download, masked once more here. */
import { maskDeep } from '../../shared/devices/mask.ts';

export function downloadDiagnostics(name: string, bundle: unknown): void {
  const blob = new Blob([`${JSON.stringify(maskDeep(bundle), null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
