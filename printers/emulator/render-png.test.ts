import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { printText } from '../thermal/print-text.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { paperWidthOf, renderJobPng } from './render-png.ts';

const isBlack = (png: PNG, x: number, y: number) => png.data[(y * png.width + x) * 4]! < 128;

describe('render-png', () => {
  it('draws GS v 0 rasters dot for dot, as wide as the raster when the job sets no width', async () => {
    // 16 × 3 dots: a diagonal of single dots and one full row.
    const rows = [0x80, 0x00, 0x00, 0x01, 0xff, 0xff];
    const job = decodeEscPos(Buffer.from([0x1d, 0x76, 0x30, 0, 2, 0, 3, 0, ...rows]));
    expect(paperWidthOf(job)).toBe(16);
    const png = PNG.sync.read(await renderJobPng(job));
    expect(png.width).toBe(16);
    const top = (png.height - 3) / 2; // the same margin above and below
    const drawn = Array.from({ length: 3 }, (_, y) => Array.from({ length: 16 }, (_, x) => (isBlack(png, x, top + y) ? '#' : '.')).join(''));
    expect(drawn).toEqual(['#...............', '...............#', '################']);
  });

  it('uses the GS W width, else the default, for text jobs', async () => {
    expect(paperWidthOf(decodeEscPos(Buffer.from([0x1d, 0x57, 0x80, 0x01, 0x41, 0x0a])))).toBe(384);
    const png = PNG.sync.read(await renderJobPng(decodeEscPos(Buffer.from('A\n')), { defaultDots: 576 }));
    expect(png.width).toBe(576);
    // Something was drawn in the first 12-dot cell, nothing far to the right of it.
    let inCell = 0;
    let beyond = 0;
    for (let y = 0; y < png.height; y++)
      for (let x = 0; x < png.width; x++) if (isBlack(png, x, y)) x < 12 ? inCell++ : beyond++;
    expect(inCell).toBeGreaterThan(10);
    expect(beyond).toBe(0);
  });
});

describe('emulator main --png-dir (technicians’ dry run)', () => {
  it('writes each received job as job-0001.png in the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shekara-emu-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'printers/emulator/main.ts', '--port', '0', '--png-dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout! });
      const target = await new Promise<string>((resolve) => lines.on('line', (l) => l.startsWith('printer: ') && resolve(l.slice(9))));
      const drawn = new Promise<string>((resolve) => lines.on('line', (l) => l.startsWith('(drawn to ') && resolve(l.slice(10, -1))));
      expect(await printText(target, 'Ә Ғ Қ Ң Ө Ұ Ү Һ І')).toMatchObject({ ok: true });
      expect(await drawn).toBe(join(dir, 'job-0001.png'));
      expect(await readdir(dir)).toEqual(['job-0001.png']);
      expect(PNG.sync.read(await readFile(join(dir, 'job-0001.png'))).width).toBe(576);
    } finally {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
