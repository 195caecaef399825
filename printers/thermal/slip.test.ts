import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEscposEmulator, type EscposEmulator } from '../emulator/escpos-emulator.ts';
import { decodeEscPos } from '../emulator/escpos-decoder.ts';
import { parsePrinterProfile, type PrinterProfileInput } from './printer-profile.ts';
import { KAZAKH_CAPITALS, SAMPLE_SLIP } from './sample-slip.ts';
import { buildSlipJob, printSlip, wrapText } from './slip.ts';

const KAZAKH = KAZAKH_CAPITALS;
const SLIP = SAMPLE_SLIP;

const profile = (over: Partial<PrinterProfileInput> = {}) =>
  parsePrinterProfile({ id: 'desk-1', name: 'Desk 1', target: 'tcp://127.0.0.1:9100', paperWidthMm: 80, codePage: 'kz1048', supportsQrCommand: true, cut: true, ...over });

const has = (bytes: Buffer, ...seq: number[]) => bytes.includes(Buffer.from(seq));

describe('printer profile', () => {
  it('defaults the dots per line from the paper width and refuses bad targets and widths', () => {
    expect(profile({ paperWidthMm: 58 }).dotsPerLine).toBe(384);
    expect(profile({ paperWidthMm: 80 }).dotsPerLine).toBe(576);
    expect(profile({ dotsPerLine: 512 }).dotsPerLine).toBe(512);
    expect(() => profile({ target: 'printer:EPSON' as 'tcp://x' })).toThrow();
    expect(() => profile({ paperWidthMm: 76 as 80 })).toThrow();
    expect(() => profile({ dotsPerLine: 570 })).toThrow();
  });
});

describe('slip job bytes', () => {
  it('wraps on word boundaries and splits words longer than a line', () => {
    const fits = (s: string) => s.length <= 10;
    expect(wrapText('Тасымалдаушы: ЖШС Ә', fits)).toEqual(['Тасымалдау', 'шы: ЖШС Ә']);
    expect(wrapText('aa bb cc dd ee', fits)).toEqual(['aa bb cc', 'dd ee']);
    expect(wrapText('', fits)).toEqual(['']);
  });

  it('kz1048: ESC @, GS W, ESC t 53, KZ-1048 text, GS ( k QR and a cut; nothing the decoder does not know', () => {
    const bytes = buildSlipJob(SLIP, profile({ paperWidthMm: 58 }));
    expect([...bytes.subarray(0, 9)]).toEqual([0x1b, 0x40, 0x1d, 0x57, 384 & 0xff, 384 >> 8, 0x1b, 0x74, 53]);
    expect(has(bytes, 0x1d, 0x28, 0x6b)).toBe(true);
    expect(has(bytes, 0x1d, 0x76, 0x30)).toBe(false);
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 66, 48]);
    const job = decodeEscPos(bytes);
    expect(job.unknown).toEqual([]);
    expect(job.codePages).toEqual([53]);
    // 32 columns on 58 mm: every printed line fits, the title (double width) in 16.
    for (const item of job.items) if (item.kind === 'text') expect([...item.text].length * item.widthScale).toBeLessThanOrEqual(32);
  });

  it('none: no code page, every text line a GS v 0 raster, the QR too when GS ( k is not supported', () => {
    const bytes = buildSlipJob(SLIP, profile({ codePage: 'none', supportsQrCommand: false, cut: false }));
    expect(has(bytes, 0x1b, 0x74)).toBe(false);
    expect(has(bytes, 0x1d, 0x28, 0x6b)).toBe(false);
    expect(has(bytes, 0x1d, 0x56)).toBe(false);
    const job = decodeEscPos(bytes);
    expect(job.text).toBe('');
    const rasters = job.items.filter((it) => it.kind === 'raster');
    expect(rasters.length).toBeGreaterThan(8);
    for (const r of rasters) {
      expect(r.widthDots).toBe(576);
      expect(r.heightDots).toBeLessThanOrEqual(192); // banded for slow firmware
    }
  });

  it('prints a character KZ-1048 lacks as "?" instead of switching code page mid-line', () => {
    const job = decodeEscPos(buildSlipJob({ ...SLIP, carrierName: 'Ә中€' }, profile()));
    expect(job.codePages).toEqual([53]);
    expect(job.lines).toContain('Тасымалдаушы: Ә?€');
  });

  it('keeps control characters in the slip fields from reaching the printer as commands', () => {
    const job = decodeEscPos(buildSlipJob({ ...SLIP, carrierName: 'A\x1d\x56\x00B' }, profile()));
    expect(job.cuts).toBe(1);
    expect(job.lines).toContain('Тасымалдаушы: AVB');
  });
});

const zbar = async (png: string) => (await promisify(execFile)('zbarimg', ['-q', '--raw', png])).stdout.trim();

describe('printSlip to the emulator over TCP, drawn to PNG', () => {
  let printer: EscposEmulator;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-slip-'));
    printer = await startEscposEmulator({ pngDir: dir, defaultDots: 1024 }); // wrong default on purpose: the job must say its width
  });
  afterAll(async () => {
    await printer.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const paperWidthMm of [58, 80] as const) {
    const dots = paperWidthMm === 58 ? 384 : 576;

    it(`kz1048 on ${paperWidthMm} mm: the decoded text holds the Kazakh letters and zbarimg reads the QR`, async () => {
      const result = await printSlip(SLIP, profile({ target: printer.target, paperWidthMm }));
      const job = await printer.waitForJob();
      expect(result).toEqual({ ok: true, bytes: job.bytes.length });
      // On 58 mm the carrier line wraps at a space; joining the lines with spaces undoes that.
      expect(job.lines.join(' ')).toContain(KAZAKH);
      expect(job.items.filter((it) => it.kind === 'text' && it.text).every((it) => it.kind === 'text' && it.codePage === 53)).toBe(true);
      expect(job.text).toContain('Өткізу пункті: Қорғас');
      expect(job.items.filter((it) => it.kind === 'qr').map((it) => it.data.toString())).toEqual([SLIP.qrText]);
      const png = PNG.sync.read(await readFile(job.pngPath!));
      expect(png.width).toBe(dots);
      expect(await zbar(job.pngPath!)).toBe(SLIP.qrText);
    });

    it(`raster on ${paperWidthMm} mm: non-empty rasters as wide as the paper, and zbarimg reads the rastered QR`, async () => {
      const result = await printSlip(SLIP, profile({ target: printer.target, paperWidthMm, codePage: 'none', supportsQrCommand: false }));
      const job = await printer.waitForJob();
      expect(result).toMatchObject({ ok: true });
      expect(job.text).toBe('');
      const rasters = job.items.filter((it) => it.kind === 'raster');
      expect(rasters.every((r) => r.widthDots === dots)).toBe(true);
      const blackDots = rasters.reduce((n, r) => n + r.rows.reduce((k, byte) => k + (byte.toString(2).split('1').length - 1), 0), 0);
      expect(blackDots).toBeGreaterThan(5_000);
      const png = PNG.sync.read(await readFile(job.pngPath!));
      expect(png.width).toBe(dots);
      expect(png.height).toBeGreaterThan(rasters.reduce((h, r) => h + r.heightDots, 0) - 1);
      expect(await zbar(job.pngPath!)).toBe(SLIP.qrText);
    });
  }

  it('raster text with the GS ( k QR (printer lacks KZ-1048 only): zbarimg reads the QR the emulator redraws', async () => {
    await printSlip(SLIP, profile({ target: printer.target, codePage: 'none', supportsQrCommand: true }));
    const job = await printer.waitForJob();
    expect(await zbar(job.pngPath!)).toBe(SLIP.qrText);
  });
});

describe('printSlip failures are answers', () => {
  it('bad-request for an invalid slip or profile, without connecting', async () => {
    expect(await printSlip({ ...SLIP, applicationNumber: '' }, profile())).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await printSlip(SLIP, { ...profile(), paperWidthMm: 76 as 80 })).toMatchObject({ ok: false, error: 'bad-request' });
  });

  it('printer-unreachable when nothing listens', async () => {
    const free = await startEscposEmulator();
    await free.close();
    expect(await printSlip(SLIP, profile({ target: free.target }))).toMatchObject({ ok: false, error: 'printer-unreachable' });
  });
});
