/**
 * A desk's devices as a technician leaves them (issue 7 item 1): the thermal printer, the document
 * printer with its calibration for pre-printed blanks, and the scanners. Kept by the machine side of
 * the desk (not in the officer's replica: clearing a browser profile must not lose the printer) and
 * sent to the centre for support. One schema, checked wherever the settings are read or written.
 */
import { z } from 'zod';
import { SERIAL_BAUD_RATES, serialScannerProfileSchema } from '../scan/serial-scanner-profile.ts';

/** A host name or IPv4 address; no scheme, no path. */
const hostSchema = z.string().min(1).max(120).regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'a host name or IP address, such as 192.168.1.50');
const serialPathSchema = serialScannerProfileSchema.shape.path;

export const thermalConnectionSchema = z.discriminatedUnion('kind', [
  /** A network printer, port 9100 by convention. */
  z.object({ kind: z.literal('tcp'), host: hostSchema, port: z.number().int().min(1, '1 to 65535').max(65_535, '1 to 65535') }),
  /** RS-232, or USB in its virtual COM port mode. */
  z.object({ kind: z.literal('serial'), path: serialPathSchema, baudRate: z.literal(SERIAL_BAUD_RATES) }),
  /** A printer the OS knows by name (a USB printer with the Windows "Generic / Text Only" driver, a CUPS raw queue): raw bytes through the spooler. */
  z.object({ kind: z.literal('queue'), printerName: z.string().trim().min(1).max(127).refine((n) => !/[\u0000-\u001f\u007f]/.test(n) && !n.startsWith('-'), 'a printer name as the system lists it') }),
]);
export type ThermalConnection = z.infer<typeof thermalConnectionSchema>;

/**
 * Code pages a thermal printer may have. Only KZ-1048 holds all the Kazakh letters; with CP866 or
 * WPC1251 a line with a letter the page lacks (Ә Ғ Қ Ң Ө Ұ Ү Һ, and І in CP866) is drawn as a raster
 * image, other lines go as text. 'raster' draws all.
 */
export const THERMAL_CODE_PAGES = ['kz1048', 'cp866', 'wpc1251', 'raster'] as const;
export type ThermalCodePage = (typeof THERMAL_CODE_PAGES)[number];

export const thermalPrinterSettingsSchema = z.object({
  connection: thermalConnectionSchema,
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  /** Printable dots per line at 203 dpi (384 on 58 mm, 576 on 80 mm); whole bytes, so a multiple of 8. */
  dotsPerLine: z.number().int().min(128, '128 to 1024').max(1024, '128 to 1024').multipleOf(8, 'a multiple of 8'),
  codePage: z.enum(THERMAL_CODE_PAGES),
  /** GS ( k QR codes; clones without it get the QR as a raster image. */
  supportsQrCommand: z.boolean(),
  cut: z.boolean(),
  /** Print density step, -3 (lighter) to +3 (darker); 0 leaves the printer's own setting. */
  density: z.number().int().min(-3, '-3 to 3').max(3, '-3 to 3'),
});
export type ThermalPrinterSettings = z.infer<typeof thermalPrinterSettingsSchema>;

export const documentPrinterSettingsSchema = z.object({
  /** The OS print queue (a Windows printer name, a CUPS queue), or file:DIR to keep the PDFs. */
  queue: z
    .string()
    .min(1)
    .max(200)
    .refine((q) => !/[\u0000-\u001f\u007f]/.test(q) && !q.startsWith('-'), 'a printer name as the system lists it, or file:FOLDER'),
  /** Print the whole Annex 3 form on plain paper, or only the values onto pre-printed blanks. */
  blankMode: z.enum(['full-form', 'pre-printed']),
  /** The printer's shift on pre-printed blanks, measured on the calibration grid; + is right and down. */
  offsetXmm: z.number().min(-20, '-20 to 20 mm').max(20, '-20 to 20 mm'),
  offsetYmm: z.number().min(-20, '-20 to 20 mm').max(20, '-20 to 20 mm'),
  /** The printer's stretch; real drift is a few per cent. */
  scale: z.number().min(0.9, '0.9 to 1.1').max(1.1, '0.9 to 1.1'),
});
export type DocumentPrinterSettings = z.infer<typeof documentPrinterSettingsSchema>;

export const wedgeSettingsSchema = z.object({
  maxIntervalMs: z.number().int().min(5).max(200),
  minLength: z.number().int().min(2).max(100),
  prefix: z.string().max(10),
  suffix: z.enum(['Enter', 'Tab', 'none']),
  idleMs: z.number().int().min(5).max(2000),
});

export const scannerSettingsSchema = z.object({
  wedge: wedgeSettingsSchema,
  /** A serial scanner, or null when the desk scans through the keyboard. */
  serial: serialScannerProfileSchema.nullable(),
});

/** What a technician edits and saves. */
export const deviceSettingsInputSchema = z.object({
  thermal: thermalPrinterSettingsSchema.nullable(),
  document: documentPrinterSettingsSchema,
  scanner: scannerSettingsSchema,
});
export type DeviceSettingsInput = z.infer<typeof deviceSettingsInputSchema>;

/** As stored: with who saved it when, and a revision the centre keeps the latest of. */
export const deviceSettingsSchema = deviceSettingsInputSchema.extend({
  revision: z.number().int().nonnegative(),
  updatedAt: z.string().datetime({ offset: true }),
  updatedBy: z.string().min(1).max(120),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const DEFAULT_DOTS_PER_LINE = { 58: 384, 80: 576 } as const;

/** tcp://HOST:PORT, serial:PATH@BAUD or queue:NAME, the form the printers module sends to. */
export function thermalTarget(c: ThermalConnection): string {
  if (c.kind === 'tcp') return `tcp://${c.host}:${c.port}`;
  return c.kind === 'serial' ? `serial:${c.path}@${c.baudRate}` : `queue:${c.printerName}`;
}
