/**
 * The desk's log: the last lines in memory for the diagnostics bundle, and a file in dataDir/logs that
 * rolls over at 1 MiB (one previous file kept), so a kiosk's disk never fills with logs. Lines are
 * masked (IINs, tokens) before they are kept anywhere.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskText } from '../../shared/devices/mask.ts';

export type DeskLog = { write(line: string): void; recent(): string[] };

export function createDeskLog({ dir, keep = 300, maxFileBytes = 1024 * 1024, echo }: { dir: string | null; keep?: number; maxFileBytes?: number; echo?: (line: string) => void }): DeskLog {
  const lines: string[] = [];
  const file = dir ? join(dir, 'desk.log') : null;
  if (dir) mkdirSync(dir, { recursive: true });
  return {
    write(line) {
      const masked = maskText(line);
      const entry = `${new Date().toISOString()} ${masked}`;
      lines.push(entry);
      if (lines.length > keep) lines.splice(0, lines.length - keep);
      echo?.(masked);
      if (!file) return;
      try {
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > maxFileBytes) renameSync(file, `${file}.1`);
        appendFileSync(file, `${entry}\n`);
      } catch {
        // A full or read-only disk must not stop the desk; the lines stay in memory.
      }
    },
    recent: () => [...lines],
  };
}
