import { describe, expect, it } from 'vitest';
import { KAZAKH_CAPITALS } from './sample-slip.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outsideAsar, RasterTextRenderer } from './raster-text.ts';

const style = { bold: false, large: false, align: 'left' } as const;
const dots = (rows: Uint8Array) => rows.reduce((n, byte) => n + (byte.toString(2).split('1').length - 1), 0);

describe('raster text lines', () => {
  const renderer = new RasterTextRenderer(384);

  it('draws every Kazakh letter, lower case too, as a glyph of its own (not the missing-glyph box)', () => {
    const missing = Buffer.from(renderer.render('\uE000', style).rows); // private use: no glyph in DejaVu Sans
    const letters = [...KAZAKH_CAPITALS.replace(/ /g, ''), ...'әғқңөұүһі'];
    const seen = new Set<string>();
    for (const letter of letters) {
      const rows = Buffer.from(renderer.render(letter, style).rows);
      expect(dots(rows), letter).toBeGreaterThan(20);
      expect(rows.equals(missing), letter).toBe(false);
      seen.add(rows.toString('hex'));
    }
    expect(seen.size).toBe(letters.length);
  });

  it('is one 24-dot line as wide as the paper, 48 dots for the large title; fits() measures pixels', () => {
    const line = renderer.render('Қорғас', style);
    expect([line.widthDots, line.heightDots, line.rows.length]).toEqual([384, 24, 48 * 24]);
    expect(renderer.render('Қорғас', { ...style, large: true }).heightDots).toBe(48);
    expect(renderer.fits('Қорғас', style)).toBe(true);
    expect(renderer.fits('Қ'.repeat(40), style)).toBe(false);
  });
});

describe('fonts in a packaged app', () => {
  it('are read from beside app.asar, where electron-builder unpacked them, when they are there', () => {
    const resources = mkdtempSync(join(tmpdir(), 'shekara-asar-'));
    const inAsar = join(resources, 'app.asar', 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf');
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf');
    expect(outsideAsar(inAsar)).toBe(inAsar); // not unpacked: left alone
    mkdirSync(join(unpacked, '..'), { recursive: true });
    writeFileSync(unpacked, '');
    expect(outsideAsar(inAsar)).toBe(unpacked);
    expect(outsideAsar('/opt/app/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).toBe('/opt/app/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    expect(outsideAsar('C:\\Program Files\\Shekara\\resources\\app.asar\\x.ttf')).toBe('C:\\Program Files\\Shekara\\resources\\app.asar\\x.ttf');
  });
});
