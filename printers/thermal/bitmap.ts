/**
 * 1-bit images as thermal printers take them: rows of whole bytes, the most significant bit the
 * leftmost dot, 1 = black. Printed with GS v 0 in bands, because slow clone firmware stalls or drops
 * data on one tall image (research/anchors.md §4.3: ≤ ~200 rows per band).
 */
import QRCode from 'qrcode';
import { rasterImage, type QrErrorCorrection } from './escpos-commands.ts';

export type Bitmap = { widthDots: number; heightDots: number; rows: Uint8Array };

export const MAX_BAND_ROWS = 192; // eight 24-dot text lines

export function blankBitmap(widthDots: number, heightDots: number): Bitmap {
  if (widthDots % 8 !== 0) throw new Error(`bitmap width ${widthDots} is not a multiple of 8`);
  return { widthDots, heightDots, rows: new Uint8Array((widthDots / 8) * heightDots) };
}

export function setDot(bitmap: Bitmap, x: number, y: number): void {
  bitmap.rows[y * (bitmap.widthDots / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
}

/** GS v 0 commands for the bitmap, one per band of at most MAX_BAND_ROWS rows. */
export function rasterCommands(bitmap: Bitmap): Buffer {
  const widthBytes = bitmap.widthDots / 8;
  const bands: Buffer[] = [];
  for (let y = 0; y < bitmap.heightDots; y += MAX_BAND_ROWS) {
    const h = Math.min(MAX_BAND_ROWS, bitmap.heightDots - y);
    bands.push(rasterImage(widthBytes, h, bitmap.rows.subarray(y * widthBytes, (y + h) * widthBytes)));
  }
  return Buffer.concat(bands);
}

/** Dots per QR module so the symbol, with its 4-module quiet zone, fills at most `share` of the line. */
export function qrModuleSize(modules: number, dotsPerLine: number, share = 0.7): number {
  return Math.max(1, Math.min(16, Math.floor((dotsPerLine * share) / (modules + 8))));
}

export function qrSymbol(data: Buffer, errorCorrection: QrErrorCorrection) {
  // Byte mode, as GS ( k stores bytes: printer and raster fallback then make the same symbol.
  return QRCode.create([{ data: new Uint8Array(data), mode: 'byte' }], { errorCorrectionLevel: errorCorrection });
}

/** The QR code drawn dot for dot, centred on a full-width line with a 4-module quiet zone above and below. */
export function qrBitmap(data: Buffer, dotsPerLine: number, errorCorrection: QrErrorCorrection): Bitmap {
  const { modules } = qrSymbol(data, errorCorrection);
  const n = modules.size;
  const m = qrModuleSize(n, dotsPerLine);
  const quiet = 4 * m;
  const bitmap = blankBitmap(dotsPerLine, n * m + 2 * quiet);
  const left = Math.floor((dotsPerLine - n * m) / 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!modules.get(r, c)) continue;
      for (let dy = 0; dy < m; dy++) for (let dx = 0; dx < m; dx++) setDot(bitmap, left + c * m + dx, quiet + r * m + dy);
    }
  return bitmap;
}
