/**
 * The carrier's slip on the thermal printer: title, the permit's numbers, the desk, and the QR code of
 * the signed payload. Kazakh text goes as KZ-1048 bytes where the printer has that code page and as
 * raster lines where it does not; the QR code as GS ( k or, on printers without it, as a raster image.
 */
import { z } from 'zod';
import type { PrintResult } from '../../shared/bridge/bridge.ts';
import { qrBitmap, qrModuleSize, qrSymbol, rasterCommands } from './bitmap.ts';
import * as cmd from './escpos-commands.ts';
import { encodeInCodePage, ESC_T_NUMBER } from './code-page-text.ts';
import { encodeKz1048 } from './kz1048.ts';
import { sanitizeText } from './print-text.ts';
import { charsPerLine, printerProfileSchema, type PrinterProfile, type PrinterProfileInput } from './printer-profile.ts';
import { RasterTextRenderer, type TextStyle } from './raster-text.ts';
import { failure, sendJob, type SendOptions } from './tcp-send.ts';

const field = (max: number) => z.string().min(1).max(max);

export const slipSchema = z.object({
  title: field(120),
  carrierName: field(200),
  applicationNumber: field(40),
  addendumNumber: field(40),
  /** Empty until a blank is issued. */
  blankNumber: z.string().max(40),
  plate: field(20),
  /** The desk's local time with its offset, e.g. 2026-03-14T09:05:00+05:00; printed as written. */
  issuedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'issuedAt must be an ISO date-time'),
  checkpointName: field(80),
  officerName: field(80),
  /** The signed payload; GS ( k stores at most 7089 bytes, a slip QR stays far below that. */
  qrText: field(2000),
  language: z.enum(['kk', 'ru']),
});
export type Slip = z.infer<typeof slipSchema>;

const LABELS = {
  kk: { carrier: 'Тасымалдаушы', application: 'Өтініш №', addendum: 'Қосымша №', blank: 'Бланк №', plate: 'Көлік нөмірі', issuedAt: 'Берілді', checkpoint: 'Өткізу пункті', officer: 'Қызметкер' },
  ru: { carrier: 'Перевозчик', application: 'Заявка №', addendum: 'Приложение №', blank: 'Бланк №', plate: 'Госномер', issuedAt: 'Выдано', checkpoint: 'Пункт пропуска', officer: 'Сотрудник' },
} as const;

export type SlipLine = { text: string; style: TextStyle };

const QR_ERROR_CORRECTION = 'M';

/** The slip's text before wrapping: every field on its own "label: value" line. */
export function slipLines(slip: Slip): SlipLine[] {
  const l = LABELS[slip.language];
  const body = { bold: false, large: false, align: 'left' } as const;
  const clean = (s: string) => sanitizeText(s).replace(/\s+/g, ' ').trim();
  const row = (label: string, value: string): SlipLine => ({ text: `${label}: ${clean(value)}`, style: body });
  return [
    { text: clean(slip.title), style: { bold: true, large: true, align: 'center' } },
    { text: '', style: body },
    row(l.carrier, slip.carrierName),
    row(l.plate, slip.plate),
    row(l.application, slip.applicationNumber),
    row(l.addendum, slip.addendumNumber),
    ...(slip.blankNumber ? [row(l.blank, slip.blankNumber)] : []),
    row(l.issuedAt, slip.issuedAt.slice(0, 16).replace('T', ' ')),
    row(l.checkpoint, slip.checkpointName),
    row(l.officer, slip.officerName),
  ];
}

/** Word wrap by a fit test (characters or measured pixels); a word longer than a line is split. */
export function wrapText(text: string, fits: (line: string) => boolean): string[] {
  if (text === '') return [''];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) out.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let n = 1;
      while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
      out.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) out.push(line);
  return out;
}

/**
 * Lines as text in the printer's code page, wrapped to the paper. In KZ-1048 every line goes as text;
 * in CP866 or WPC1251 a line with a letter the page lacks (any Kazakh one) is drawn as raster instead.
 */
export function textLines(lines: SlipLine[], profile: PrinterProfile): Buffer[] {
  const columns = charsPerLine(profile);
  const page = profile.codePage === 'none' ? 'kz1048' : profile.codePage;
  const encode = (line: string): Buffer | null => (page === 'kz1048' ? encodeKz1048(line) : encodeInCodePage(line, page));
  const parts: Buffer[] = [Buffer.from([0x1b, 0x74, ESC_T_NUMBER[page]])];
  let raster: RasterTextRenderer | undefined;
  for (const { text, style } of lines) {
    const width = style.large ? Math.floor(columns / 2) : columns;
    parts.push(cmd.align(style.align), cmd.bold(style.bold), style.large ? cmd.charSize(2, 2) : cmd.charSize(1, 1));
    for (const line of wrapText(text, (s) => [...s].length <= width)) {
      const bytes = encode(line);
      if (bytes) {
        parts.push(bytes, cmd.LF);
        continue;
      }
      raster ??= new RasterTextRenderer(profile.dotsPerLine);
      parts.push(cmd.align('left'));
      for (const piece of wrapText(line, (s) => raster!.fits(s, style))) parts.push(rasterCommands(raster.render(piece, style)));
      parts.push(cmd.align(style.align));
    }
  }
  parts.push(cmd.align('left'), cmd.bold(false), cmd.charSize(1, 1));
  return parts;
}

/** The body lines in the printer's way of printing text: its code page, or raster when it has none. */
export function bodyLines(lines: SlipLine[], profile: PrinterProfile): Buffer[] {
  return profile.codePage === 'none' ? rasterLines(lines, profile) : textLines(lines, profile);
}

/** Lines drawn as raster images, for printers without a Kazakh code page. */
export function rasterLines(lines: SlipLine[], profile: PrinterProfile): Buffer[] {
  const renderer = new RasterTextRenderer(profile.dotsPerLine);
  const parts: Buffer[] = [];
  for (const { text, style } of lines) {
    for (const line of wrapText(text, (s) => renderer.fits(s, style))) parts.push(rasterCommands(renderer.render(line, style)));
  }
  return parts;
}

/** The QR code: GS ( k where the printer has it, else drawn as a raster image. */
export function qrPart(qrText: string, profile: PrinterProfile): Buffer[] {
  const data = Buffer.from(qrText, 'utf8');
  if (!profile.supportsQrCommand) return [rasterCommands(qrBitmap(data, profile.dotsPerLine, QR_ERROR_CORRECTION))];
  const moduleSize = qrModuleSize(qrSymbol(data, QR_ERROR_CORRECTION).modules.size, profile.dotsPerLine);
  return [cmd.LF, cmd.align('center'), cmd.qrCode(data, { moduleSize, errorCorrection: QR_ERROR_CORRECTION }), cmd.LF, cmd.align('left')];
}

/** The slip's ESC/POS bytes for this printer. Throws on an invalid slip (printSlip answers instead). */
export function buildSlipJob(slip: Slip, profile: PrinterProfile): Buffer {
  const s = slipSchema.parse(slip);
  const lines = slipLines(s);
  return Buffer.concat([
    cmd.INIT,
    cmd.printAreaWidth(profile.dotsPerLine),
    ...(profile.density ? [cmd.printDensity(profile.density)] : []),
    ...bodyLines(lines, profile),
    ...qrPart(s.qrText, profile),
    profile.cut ? cmd.cutPaper() : cmd.feedLines(4),
  ]);
}

/** Prints the slip; never throws: a bad slip or profile is bad-request, a printer failure its own code. */
export async function printSlip(slip: Slip, profile: PrinterProfile | PrinterProfileInput, options: SendOptions = {}): Promise<PrintResult> {
  const p = printerProfileSchema.safeParse(profile);
  if (!p.success) return failure('bad-request', `printer profile: ${p.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const s = slipSchema.safeParse(slip);
  if (!s.success) return failure('bad-request', `slip: ${s.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return sendJob(p.data.target, () => buildSlipJob(s.data, p.data), options);
}
