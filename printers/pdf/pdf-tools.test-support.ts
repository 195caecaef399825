/** Runs the real poppler and zbar tools on a PDF, for the printers/pdf tests. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasTool(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}

export const HAS_POPPLER = hasTool('pdftotext') && hasTool('pdftoppm');
export const HAS_ZBAR = hasTool('zbarimg');

export function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'shekara-pdf-'));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** pdftotext -layout, with runs of spaces (including no-break ones) folded to one. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ' ');
}

/** Every QR zbarimg reads from a 150 dpi render of the PDF's pages (its D-Bus noise on stderr is ignored). */
export function decodeQrs(file: string, dpi = 150): string[] {
  const out = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, out]);
  const dir = out.slice(0, out.lastIndexOf('/'));
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => join(dir, f));
  const r = spawnSync('zbarimg', ['-q', '--raw', ...pngs], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l !== '');
}
