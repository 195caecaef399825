/**
 * What the desk knows about one thermal printer, set up once by a technician: where it is, how wide
 * its paper is, and which of the ESC/POS features it really has (many clones lack the KZ-1048 table
 * or the GS ( k QR command; research/anchors.md §4), so the slip falls back to raster images.
 */
import { z } from 'zod';
import { printerTargetSchema } from '../../shared/bridge/bridge.ts';
import { thermalTarget, type ThermalPrinterSettings } from '../../shared/devices/device-settings.ts';
import { SERIAL_PORT_PATH } from '../../shared/scan/serial-scanner-profile.ts';

/** serial:PORT@BAUD, a printer on RS-232 or a USB virtual COM port (see serial-send.ts). */
/** queue:NAME, a system printer taking raw bytes (see printers/queue/system-queue.ts printRaw). */
export const QUEUE_TARGET = /^queue:[^\u0000-\u001f\u007f-][^\u0000-\u001f\u007f]{0,126}$/;
export const SERIAL_TARGET = new RegExp(`^serial:(?<path>${SERIAL_PORT_PATH.source.slice(1, -1)})@(?<baud>9600|19200|38400|57600|115200)$`);

/** Printable dots per line at 203 dpi: 48 mm of 58 mm paper, 72 mm of 80 mm paper. */
export const DEFAULT_DOTS_PER_LINE = { 58: 384, 80: 576 } as const;

/** Font A is 12 dots wide: 32 characters on 384 dots, 48 on 576. */
export const FONT_A_WIDTH_DOTS = 12;

export const printerProfileSchema = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().min(1).max(80),
    target: z.union([printerTargetSchema, z.string().regex(SERIAL_TARGET), z.string().regex(QUEUE_TARGET)], 'printer must be tcp://HOST:PORT, serial:PORT@BAUD or queue:NAME'),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]),
    /** Raster rows are whole bytes, so a multiple of 8. */
    dotsPerLine: z.number().int().min(128).max(1024).multipleOf(8).optional(),
    /**
     * 'none': no usable code page, every text line is a raster image. CP866 and WPC1251 have no Kazakh
     * letters: a line with one is drawn as raster, the others go as text (code-page-text.ts).
     */
    codePage: z.enum(['kz1048', 'cp866', 'wpc1251', 'none']),
    /** GS ( k QR codes; without it the QR code is printed as a raster image. */
    supportsQrCommand: z.boolean(),
    cut: z.boolean(),
    /** Print density step -3…+3 (Epson GS ( K fn 49); absent or 0 leaves the printer's own setting. */
    density: z.number().int().min(-3).max(3).optional(),
  })
  .transform((p) => ({ ...p, dotsPerLine: p.dotsPerLine ?? DEFAULT_DOTS_PER_LINE[p.paperWidthMm] }));

export type PrinterProfileInput = z.input<typeof printerProfileSchema>;
export type PrinterProfile = z.output<typeof printerProfileSchema>;

export function parsePrinterProfile(input: unknown): PrinterProfile {
  return printerProfileSchema.parse(input);
}

/** Characters per line in font A. */
export function charsPerLine(profile: Pick<PrinterProfile, 'dotsPerLine'>): number {
  return Math.floor(profile.dotsPerLine / FONT_A_WIDTH_DOTS);
}

/** The printer profile a desk's saved thermal settings describe (shared/devices/device-settings.ts). */
export function profileFromSettings(s: ThermalPrinterSettings, id = 'thermal'): PrinterProfile {
  return parsePrinterProfile({
    id,
    name: 'Desk thermal printer',
    target: thermalTarget(s.connection),
    paperWidthMm: s.paperWidthMm,
    dotsPerLine: s.dotsPerLine,
    codePage: s.codePage === 'raster' ? 'none' : s.codePage,
    supportsQrCommand: s.supportsQrCommand,
    cut: s.cut,
    ...(s.density ? { density: s.density } : {}),
  });
}
