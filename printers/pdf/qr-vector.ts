/**
 * Draws a QR symbol as vector squares in the PDF content stream, not as an embedded PNG: it stays sharp
 * at any printer resolution, adds about 3 KB instead of a PNG's encode time, and needs no image decoder.
 */
import { fill, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

/** Quiet zone the QR standard asks for around the symbol, in modules. */
export const QUIET_ZONE_MODULES = 4;

export type QrBox = { x: number; y: number; size: number };

/** Modules per side, so callers can size the box for a minimum module width. */
export function qrModuleCount(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size;
}

/**
 * Fills the box (PDF points, origin bottom-left) with the symbol; the quiet zone is inside the box.
 * Dark runs of each row become one rectangle, all in one path, so no seams show between modules.
 */
export function drawQr(page: PDFPage, text: string, box: QrBox): void {
  const { size: n, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const m = box.size / (n + 2 * QUIET_ZONE_MODULES);
  const x0 = box.x + QUIET_ZONE_MODULES * m;
  const top = box.y + box.size - QUIET_ZONE_MODULES * m;
  const ops = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      ops.push(rectangle(round(x0 + start * m), round(top - (row + 1) * m), round((col - start) * m), round(m)));
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

/** Three decimals of a point are far below any printer dot and keep the content stream short. */
const round = (v: number) => Math.round(v * 1000) / 1000;
