/**
 * Overlay printing onto pre-printed Annex 3 blanks: only the values, at the profile's positions, no
 * labels and no lines. And the calibration page technicians print on plain paper and hold against a
 * blank (or measure with a ruler) to set the profile.
 */
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { ADDENDUM_ITEMS, type AddendumItem } from './addendum-labels.ts';
import { embedFonts, textWidth } from './fonts.ts';
import { pageSizeMm, type OverlayProfile } from './overlay-profile.ts';
import { drawQr } from './qr-vector.ts';
import { code128Modules } from '../thermal/code128.ts';
import { KAZAKH_ALPHABET, RUSSIAN_ALPHABET, TEST_BARCODE } from '../thermal/test-page.ts';
import { MM, wrapText } from './text-layout.ts';

/** One text per item (the Kazakh value; see addendumValues), and the QR text when the profile places one. */
export type OverlayValues = Partial<Record<AddendumItem, string>> & { qrText?: string };

/** Below this a value is no longer legible on a blank; it wraps onto further lines instead. */
const MIN_FONT_PT = 6;

/** Maps the profile's millimetres from the top-left to PDF points from the bottom-left, with the printer's correction. */
function placer(profile: OverlayProfile) {
  const { heightMm } = pageSizeMm(profile.pageSize);
  const s = profile.scale;
  return {
    x: (xMm: number) => (xMm * s + profile.offsetXmm) * MM,
    y: (yMm: number) => (heightMm - (yMm * s + profile.offsetYmm)) * MM,
  };
}

export async function renderAddendumOverlayPdf(values: OverlayValues, profile: OverlayProfile): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('Shekara');
  const { regular } = await embedFonts(doc, ['regular']);
  const { widthMm, heightMm } = pageSizeMm(profile.pageSize);
  const page = doc.addPage([widthMm * MM, heightMm * MM]);
  const at = placer(profile);
  for (const item of ADDENDUM_ITEMS) {
    const text = values[item];
    if (text === undefined || text === '') continue;
    const field = profile.fields[item];
    const maxWidth = field.maxWidthMm * profile.scale * MM;
    // Shrink a long value to its box first; only below MIN_FONT_PT does it wrap downwards.
    let size = field.fontSizePt;
    while (size > MIN_FONT_PT && textWidth('regular', text, size) > maxWidth) size -= 0.5;
    wrapText('regular', text, size, maxWidth).forEach((line, i) => {
      page.drawText(line, { x: at.x(field.xMm), y: at.y(field.yMm) - i * size * 1.15, size, font: regular });
    });
  }
  if (profile.qr && values.qrText) {
    const q = profile.qr;
    const size = q.sizeMm * profile.scale * MM;
    drawQr(page, values.qrText, { x: at.x(q.xMm), y: at.y(q.yMm) - size, size });
  }
  return doc.save();
}

/** Code 128 as filled bars, quiet zone left to the caller's margin. */
function drawCode128(page: PDFPage, text: string, { x, y, moduleWidth, height }: { x: number; y: number; moduleWidth: number; height: number }): void {
  let at = x;
  code128Modules(text).forEach((width, i) => {
    if (i % 2 === 0) page.drawRectangle({ x: at, y, width: width * moduleWidth, height, color: rgb(0, 0, 0) });
    at += width * moduleWidth;
  });
}

function crosshair(page: PDFPage, x: number, y: number, arm: number): void {
  const red = rgb(0.85, 0, 0);
  page.drawLine({ start: { x: x - arm, y }, end: { x: x + arm, y }, thickness: 0.4, color: red });
  page.drawLine({ start: { x, y: y - arm }, end: { x, y: y + arm }, thickness: 0.4, color: red });
  page.drawCircle({ x, y, size: arm / 3, borderColor: red, borderWidth: 0.4 });
}

/**
 * Plain-paper test page: a millimetre grid (every 5 mm, bolder every 10 mm, numbered in cm) in the
 * paper's own coordinates, a 100 mm ruler to check the scale, and a crosshair with the item number at
 * each field of the profile (where the profile's correction puts it). Takes no blank number.
 */
export async function renderCalibrationPdf(profile: OverlayProfile): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('Shekara');
  const { regular } = await embedFonts(doc, ['regular']);
  const { widthMm, heightMm } = pageSizeMm(profile.pageSize);
  const page = doc.addPage([widthMm * MM, heightMm * MM]);
  const H = heightMm * MM;
  for (let mm = 0; mm <= Math.max(widthMm, heightMm); mm += 5) {
    const major = mm % 10 === 0;
    const color = rgb(major ? 0.55 : 0.8, major ? 0.55 : 0.8, major ? 0.55 : 0.8);
    const thickness = major ? 0.35 : 0.2;
    if (mm <= widthMm) page.drawLine({ start: { x: mm * MM, y: 0 }, end: { x: mm * MM, y: H }, thickness, color });
    if (mm <= heightMm) page.drawLine({ start: { x: 0, y: H - mm * MM }, end: { x: widthMm * MM, y: H - mm * MM }, thickness, color });
    if (mm % 10 === 0 && mm > 0) {
      if (mm < widthMm) page.drawText(String(mm / 10), { x: mm * MM + 0.5 * MM, y: H - 4 * MM, size: 6, font: regular });
      if (mm < heightMm) page.drawText(String(mm / 10), { x: 1 * MM, y: H - mm * MM + 0.5 * MM, size: 6, font: regular });
    }
  }
  // A 100 mm bar: if it does not measure 100 mm on paper, set the profile's scale.
  const rulerY = 12 * MM;
  page.drawLine({ start: { x: 20 * MM, y: rulerY }, end: { x: 120 * MM, y: rulerY }, thickness: 1.2 });
  page.drawText('100 mm — өлшеп тексеріңіз / проверьте линейкой', { x: 20 * MM, y: rulerY + 2 * MM, size: 7, font: regular });
  page.drawText(
    `offset ${profile.offsetXmm} / ${profile.offsetYmm} mm, scale ${profile.scale}`,
    { x: 125 * MM, y: rulerY - 1 * MM, size: 7, font: regular },
  );
  const at = placer(profile);
  for (const item of ADDENDUM_ITEMS) {
    const f = profile.fields[item];
    const x = at.x(f.xMm);
    const y = at.y(f.yMm);
    crosshair(page, x, y, 3 * MM);
    page.drawText(String(item), { x: x + 1.5 * MM, y: y + 1.2 * MM, size: 8, font: regular, color: rgb(0.85, 0, 0) });
    page.drawLine({ start: { x, y: y - 1 * MM }, end: { x: x + f.maxWidthMm * profile.scale * MM, y: y - 1 * MM }, thickness: 0.3, color: rgb(0.85, 0, 0), dashArray: [2, 2] });
  }
  if (profile.qr) {
    const q = profile.qr;
    const size = q.sizeMm * profile.scale * MM;
    page.drawRectangle({ x: at.x(q.xMm), y: at.y(q.yMm) - size, width: size, height: size, borderColor: rgb(0.85, 0, 0), borderWidth: 0.4, borderDashArray: [3, 3] });
    // A real QR where the addendum's goes: a phone or the desk's scanner must read it off the paper.
    // On white: grid lines through its light modules would stop scanners reading it.
    const box = { x: at.x(q.xMm) + size * 0.15, y: at.y(q.yMm) - size * 0.85, size: size * 0.7 };
    page.drawRectangle({ ...box, width: box.size, height: box.size, color: rgb(1, 1, 1) });
    drawQr(page, 'SHEKARA TEST A4', box);
  }
  // The document printer's test part: every Kazakh and Russian letter and a Code 128 to scan back.
  const textY = Math.min(at.y(250), (heightMm - 250) * MM);
  page.drawText(`Қазақша: ${KAZAKH_ALPHABET}`, { x: 20 * MM, y: textY, size: 8, font: regular });
  page.drawText(KAZAKH_ALPHABET.toLowerCase(), { x: 20 * MM, y: textY - 4 * MM, size: 8, font: regular });
  page.drawText(`Русский: ${RUSSIAN_ALPHABET}`, { x: 20 * MM, y: textY - 8 * MM, size: 8, font: regular });
  page.drawText(RUSSIAN_ALPHABET.toLowerCase(), { x: 20 * MM, y: textY - 12 * MM, size: 8, font: regular });
  drawCode128(page, TEST_BARCODE, { x: 20 * MM, y: textY - 28 * MM, moduleWidth: 0.33 * MM, height: 12 * MM });
  return doc.save();
}
