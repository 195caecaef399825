/**
 * The technician's test page (issue 7 item 2): every Kazakh and Russian letter, capital and small, in
 * the printer's way of printing text (KZ-1048 or raster), a ruler in millimetres to check the paper
 * width and margins, a QR code and a Code 128 barcode a scanner must read back, and the profile it was
 * printed with, so a photo of the page tells support everything.
 */
import type { PrintResult } from '../../shared/bridge/bridge.ts';
import { blankBitmap, rasterCommands, setDot, type Bitmap } from './bitmap.ts';
import { code128Bitmap } from './code128.ts';
import * as cmd from './escpos-commands.ts';
import { printerProfileSchema, type PrinterProfile, type PrinterProfileInput } from './printer-profile.ts';
import { bodyLines, qrPart, type SlipLine } from './slip.ts';
import { failure, sendJob, type SendOptions } from './tcp-send.ts';

export const KAZAKH_ALPHABET = 'А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я';
export const RUSSIAN_ALPHABET = 'А Б В Г Д Е Ё Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я';
export const TEST_BARCODE = 'SHK-TEST-128';

/** Thermal heads are 8 dots per millimetre (203 dpi): a tick each millimetre, a long one each ten. */
const DOTS_PER_MM = 8;

/** A ruler the width of the printable line: the edge marks show whether the paper width is set right. */
export function rulerBitmap(dotsPerLine: number): Bitmap {
  const ruler = blankBitmap(dotsPerLine, 40);
  for (let x = 0; x < dotsPerLine; x++) setDot(ruler, x, 0);
  for (let mm = 0; mm * DOTS_PER_MM < dotsPerLine; mm++) {
    const height = mm % 10 === 0 ? 32 : mm % 5 === 0 ? 20 : 10;
    for (let y = 0; y < height; y++) setDot(ruler, mm * DOTS_PER_MM, y);
  }
  for (let y = 0; y < 40; y++) setDot(ruler, dotsPerLine - 1, y); // the last printable dot
  return ruler;
}

const CODE_PAGE_NAMES = { kz1048: 'KZ-1048', cp866: 'PC866', wpc1251: 'WPC1251', none: 'raster' } as const;

export type TestPageInfo = { deskId: string; printedAt: string };

export function testPageLines(profile: PrinterProfile, info: TestPageInfo): SlipLine[] {
  const body = { bold: false, large: false, align: 'left' } as const;
  const row = (text: string): SlipLine => ({ text, style: body });
  return [
    { text: 'Сынақ беті / Тестовая страница', style: { bold: true, large: false, align: 'center' } },
    row(`Қазақша: ${KAZAKH_ALPHABET}`),
    row(KAZAKH_ALPHABET.toLowerCase()),
    row(`Русский: ${RUSSIAN_ALPHABET}`),
    row(RUSSIAN_ALPHABET.toLowerCase()),
    row('0123456789 № . , : ; - / ( ) « » %'),
    row(`${info.deskId} · ${info.printedAt}`),
    row(`${profile.paperWidthMm} mm, ${profile.dotsPerLine} dots, ${CODE_PAGE_NAMES[profile.codePage]}${profile.density ? `, density ${profile.density > 0 ? '+' : ''}${profile.density}` : ''}, QR ${profile.supportsQrCommand ? 'GS ( k' : 'raster'}`),
  ];
}

export function buildTestPageJob(profile: PrinterProfile, info: TestPageInfo): Buffer {
  const lines = testPageLines(profile, info);
  return Buffer.concat([
    cmd.INIT,
    cmd.printAreaWidth(profile.dotsPerLine),
    ...(profile.density ? [cmd.printDensity(profile.density)] : []),
    ...bodyLines(lines, profile),
    cmd.LF,
    rasterCommands(rulerBitmap(profile.dotsPerLine)),
    ...qrPart(`SHEKARA TEST ${info.deskId} ${info.printedAt}`, profile),
    cmd.LF,
    rasterCommands(code128Bitmap(TEST_BARCODE, profile.dotsPerLine)),
    profile.cut ? cmd.cutPaper() : cmd.feedLines(4),
  ]);
}

/** Prints the test page; never throws: a bad profile is bad-request, a printer failure its own code. */
export async function printTestPage(profile: PrinterProfile | PrinterProfileInput, info: TestPageInfo, options: SendOptions = {}): Promise<PrintResult> {
  const p = printerProfileSchema.safeParse(profile);
  if (!p.success) return failure('bad-request', `printer profile: ${p.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return sendJob(p.data.target, () => buildTestPageJob(p.data, info), options);
}
