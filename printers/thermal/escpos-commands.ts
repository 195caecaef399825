/**
 * The few ESC/POS commands the slips use, as bytes (Epson ESC/POS reference). Written out here
 * because node-thermal-printer has no raster text lines and counts QR data in UTF-16 units.
 */

const ESC = 0x1b;
const GS = 0x1d;

export const INIT = Buffer.from([ESC, 0x40]);
/** ESC t 53: KZ-1048 (the Epson number node-thermal-printer uses too). */
export const CODE_PAGE_KZ1048 = Buffer.from([ESC, 0x74, 53]);
export const LF = Buffer.from([0x0a]);

export type Align = 'left' | 'center' | 'right';
export const align = (a: Align) => Buffer.from([ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2]);
export const bold = (on: boolean) => Buffer.from([ESC, 0x45, on ? 1 : 0]);
/** GS ! n: character width and height multipliers, 1–8 each. */
export const charSize = (width: number, height: number) => Buffer.from([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
/** GS W: print area width in dots, so the job itself says how wide the paper is. */
export const printAreaWidth = (dots: number) => Buffer.from([GS, 0x57, dots & 0xff, dots >> 8]);
/** ESC d n: print and feed n lines. */
export const feedLines = (n: number) => Buffer.from([ESC, 0x64, n]);
/** GS V 66 n: feed n dots to the cutter, then cut partially (full cut wears clone cutters). */
export const cutPaper = (feedDots = 48) => Buffer.from([GS, 0x56, 66, feedDots]);

/**
 * GS ( K 2 0 49 n: print density, n = 1…6 darker or 256-k lighter (Epson TM series). Printers without
 * it skip the command by its length, so it is safe to send.
 */
export const printDensity = (step: number) => Buffer.from([GS, 0x28, 0x4b, 2, 0, 49, step >= 0 ? step : 256 + step]);

/** GS v 0 m xL xH yL yH d…: one raster image, `widthBytes` bytes by `height` dots, MSB = leftmost dot. */
export function rasterImage(widthBytes: number, height: number, rows: Uint8Array): Buffer {
  if (rows.length !== widthBytes * height) throw new Error(`raster has ${rows.length} bytes, expected ${widthBytes * height}`);
  return Buffer.concat([Buffer.from([GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, height & 0xff, height >> 8]), rows]);
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const EC_BYTE: Record<QrErrorCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** GS ( k pL pH cn fn …: one function of the QR symbol (cn = 49). */
function qrFunction(fn: number, params: Uint8Array): Buffer {
  const len = params.length + 2;
  return Buffer.concat([Buffer.from([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn]), params]);
}

/** Model 2, module size, error correction, store the data, print the stored symbol. */
export function qrCode(data: Buffer, { moduleSize, errorCorrection }: { moduleSize: number; errorCorrection: QrErrorCorrection }): Buffer {
  if (data.length > 7089) throw new Error(`QR data of ${data.length} bytes exceeds GS ( k's 7089`);
  return Buffer.concat([
    qrFunction(0x41, Uint8Array.of(0x32, 0)),
    qrFunction(0x43, Uint8Array.of(moduleSize)),
    qrFunction(0x45, Uint8Array.of(EC_BYTE[errorCorrection])),
    qrFunction(0x50, Buffer.concat([Buffer.of(0x30), data])),
    qrFunction(0x51, Uint8Array.of(0x30)),
  ]);
}
