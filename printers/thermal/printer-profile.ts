/**
 * What the desk knows about one thermal printer, set up once by a technician: where it is, how wide
 * its paper is, and which of the ESC/POS features it really has (many clones lack the KZ-1048 table
 * or the GS ( k QR command; research/anchors.md §4), so the slip falls back to raster images.
 */
import { z } from 'zod';
import { printerTargetSchema } from '../../shared/bridge/bridge.ts';

/** Printable dots per line at 203 dpi: 48 mm of 58 mm paper, 72 mm of 80 mm paper. */
export const DEFAULT_DOTS_PER_LINE = { 58: 384, 80: 576 } as const;

/** Font A is 12 dots wide: 32 characters on 384 dots, 48 on 576. */
export const FONT_A_WIDTH_DOTS = 12;

export const printerProfileSchema = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().min(1).max(80),
    target: printerTargetSchema,
    paperWidthMm: z.union([z.literal(58), z.literal(80)]),
    /** Raster rows are whole bytes, so a multiple of 8. */
    dotsPerLine: z.number().int().min(128).max(1024).multipleOf(8).optional(),
    /** 'none': the printer has no Kazakh code page, so every text line is printed as a raster image. */
    codePage: z.enum(['kz1048', 'none']),
    /** GS ( k QR codes; without it the QR code is printed as a raster image. */
    supportsQrCommand: z.boolean(),
    cut: z.boolean(),
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
