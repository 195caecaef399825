import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../emulator/escpos-decoder.ts';
import { startEscposEmulator, type EscposEmulator } from '../emulator/escpos-emulator.ts';
import { code128Modules } from './code128.ts';
import { parsePrinterProfile, type PrinterProfileInput } from './printer-profile.ts';
import { buildTestPageJob, KAZAKH_ALPHABET, printTestPage, RUSSIAN_ALPHABET, rulerBitmap, TEST_BARCODE } from './test-page.ts';

const profile = (over: Partial<PrinterProfileInput> = {}) =>
  parsePrinterProfile({ id: 'desk-1', name: 'Desk 1', target: 'tcp://127.0.0.1:9100', paperWidthMm: 80, codePage: 'kz1048', supportsQrCommand: true, cut: true, ...over });
const INFO = { deskId: 'dostyk-avto-1', printedAt: '2026-12-02 16:00' };

/** Every symbol zbarimg finds in the PNG, as TYPE:data. */
async function symbols(png: string): Promise<string[]> {
  const out = await promisify(execFile)('zbarimg', ['-q', png]).then((r) => r.stdout, (e: { stdout?: string }) => e.stdout ?? '');
  return out.trim().split('\n').filter(Boolean).sort();
}

describe('Code 128', () => {
  it('has 11 modules a symbol and 13 for the stop, with the set B start and a mod-103 checksum', () => {
    const m = code128Modules('A');
    expect(m.reduce((a, b) => a + b, 0)).toBe(11 + 11 + 11 + 13);
    expect(m.slice(0, 6).join('')).toBe('211214'); // start B
    expect(m.slice(6, 12).join('')).toBe('111323'); // 'A' is value 33
    expect(m.slice(12, 18).join('')).toBe('131123'); // checksum (104 + 33·1) mod 103 = 34
    expect(() => code128Modules('Ә')).toThrow(RangeError);
  });
});

describe('the thermal test page', () => {
  let printer: EscposEmulator;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-testpage-'));
    printer = await startEscposEmulator({ pngDir: dir });
  });
  afterAll(async () => {
    await printer.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [paperWidthMm, codePage, supportsQrCommand] of [[80, 'kz1048', true], [58, 'kz1048', false], [80, 'none', false], [58, 'none', true]] as const) {
    it(`${paperWidthMm} mm, ${codePage}, QR ${supportsQrCommand ? 'command' : 'raster'}: every letter, and a scanner reads the QR and the barcode off the paper`, async () => {
      const result = await printTestPage(profile({ target: printer.target, paperWidthMm, codePage, supportsQrCommand }), INFO);
      const job = await printer.waitForJob();
      expect(result).toEqual({ ok: true, bytes: job.bytes.length });
      expect(job.unknown).toEqual([]);
      if (codePage === 'kz1048') {
        const text = job.lines.join(' ');
        for (const letter of `${KAZAKH_ALPHABET} ${RUSSIAN_ALPHABET}`.split(' ')) {
          expect(text, letter).toContain(letter);
          expect(text, letter.toLowerCase()).toContain(letter.toLowerCase());
        }
      } else expect(job.text).toBe('');
      expect(await symbols(job.pngPath!)).toEqual([`CODE-128:${TEST_BARCODE}`, `QR-Code:SHEKARA TEST ${INFO.deskId} ${INFO.printedAt}`]);
    });
  }

  it('draws a ruler with a tick each millimetre and the last printable dot marked', () => {
    const dots = 384;
    const r = rulerBitmap(dots);
    const dot = (x: number, y: number) => (r.rows[y * (dots / 8) + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
    expect([0, 8, 80, 376].every((x) => dot(x, 9))).toBe(true);
    expect(dot(4, 9)).toBe(false);
    expect(dot(80, 31) && !dot(8, 31)).toBe(true); // long ticks each 10 mm
    expect(dot(dots - 1, 39)).toBe(true);
    expect(decodeEscPos(buildTestPageJob(profile({ paperWidthMm: 58 }), INFO)).cuts).toBe(1);
  });

  it('answers a bad profile and an unreachable printer without throwing', async () => {
    expect(await printTestPage({ ...profile(), paperWidthMm: 76 as 80 }, INFO)).toMatchObject({ ok: false, error: 'bad-request' });
    const gone = await startEscposEmulator();
    await gone.close();
    expect(await printTestPage(profile({ target: gone.target }), INFO)).toMatchObject({ ok: false, error: 'printer-unreachable' });
  });
});
