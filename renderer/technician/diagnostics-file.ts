/** Saves the diagnostics bundle as one JSON file through the browser's download, masked once more here. */
import { maskDeep } from '../../shared/devices/mask.ts';
import { saveFile } from '../app/save-file.ts';

export function downloadDiagnostics(name: string, bundle: unknown): void {
  const blob = new Blob([`${JSON.stringify(maskDeep(bundle), null, 2)}\n`], { type: 'application/json' });
  saveFile(blob, name);
}
